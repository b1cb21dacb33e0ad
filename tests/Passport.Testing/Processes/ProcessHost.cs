using System.Diagnostics;
using System.Text;

namespace Passport.Testing;

/// <summary>
/// A long-running child process (a built dotnet app, redis-server, ...) whose stdout and stderr are captured,
/// killed with its whole process tree, by its own id, on dispose.
/// </summary>
public sealed class ProcessHost : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private int? _exitCode;
    private bool _disposed;

    private ProcessHost(Process process, string command)
    {
        _process = process;
        Command = command;
    }

    /// <summary>The command line, for messages.</summary>
    public string Command { get; }

    /// <summary>The operating-system process id.</summary>
    public int Id { get; private set; }

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _disposed || _process.HasExited;

    /// <summary>The exit code, once exited.</summary>
    public int? ExitCode => _exitCode ?? (!_disposed && _process.HasExited ? _process.ExitCode : null);

    /// <summary>Everything written to stdout and stderr so far, line by line.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with the arguments and extra environment (null value removes a variable).</summary>
    public static ProcessHost Start(
        string fileName,
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var info = CreateStartInfo(fileName, arguments ?? [], environment, workingDirectory);
        info.RedirectStandardInput = true;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new ProcessHost(process, fileName + " " + string.Join(' ', info.ArgumentList));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start '{host.Command}'.");
        }

        host.Id = process.Id;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Starts <c>dotnet &lt;dll&gt; args</c> with the same dotnet host that runs the tests.</summary>
    public static ProcessHost StartDotnet(
        string dllPath,
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null) =>
        Start(Executables.Dotnet(), [dllPath, .. arguments ?? []], environment,
            workingDirectory ?? Path.GetDirectoryName(Path.GetFullPath(dllPath)));

    /// <summary>Waits until GET <paramref name="url"/> answers with a success status; throws with the output if the process exits or time runs out.</summary>
    public async Task WaitForHttpAsync(string url, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        string last = "no attempt yet";
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (HasExited)
            {
                throw new InvalidOperationException(
                    $"'{Command}' exited with {ExitCode} before {url} answered:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                last = e.Message;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"{url} did not answer in time (last: {last}); output of '{Command}':\n{Output}");
    }

    /// <summary>Kills the process and its children by id and waits for the exit.</summary>
    public async Task StopAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        _exitCode = _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _disposed = true;
            _process.Dispose();
        }
    }

    internal static ProcessStartInfo CreateStartInfo(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment,
        string? workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
