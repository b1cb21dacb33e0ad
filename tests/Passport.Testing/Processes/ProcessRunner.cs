using System.Diagnostics;
using System.Text;

namespace Passport.Testing;

/// <summary>The exit code and combined output of a finished command.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Output)
{
    /// <summary>Throws with the command's output unless it exited with 0.</summary>
    public ProcessResult EnsureSuccess() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"'{Command}' exited with {ExitCode}:\n{Output}");
}

/// <summary>Runs a short command to completion.</summary>
public static class ProcessRunner
{
    /// <summary>Runs the command, capturing stdout and stderr; kills it (whole tree) after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var info = ProcessHost.CreateStartInfo(fileName, arguments, environment, workingDirectory);
        info.RedirectStandardInput = true;
        var command = fileName + " " + string.Join(' ', info.ArgumentList);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{command}' did not finish in time:\n{Snapshot(output)}");
        }

        return new ProcessResult(command, process.ExitCode, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
