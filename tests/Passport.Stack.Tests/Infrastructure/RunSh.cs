using System.Globalization;

namespace Passport.Stack.Tests.Infrastructure;

/// <summary>The loopback ports of one stack, all free when chosen.</summary>
public sealed record StackPorts(int Idp, int Gateway, int Api, int Mcp, int Redis, int Passes)
{
    /// <summary>Six distinct free ports.</summary>
    public static StackPorts Free()
    {
        var ports = new HashSet<int>();
        while (ports.Count < 6)
        {
            ports.Add(FreePort.Get());
        }

        var p = ports.ToArray();
        return new StackPorts(p[0], p[1], p[2], p[3], p[4], p[5]);
    }

    /// <summary>The IdP's origin.</summary>
    public string IdpUrl => $"http://127.0.0.1:{Idp}";

    /// <summary>The gateway's origin.</summary>
    public string GatewayUrl => $"http://127.0.0.1:{Gateway}";

    /// <summary>The legacy API's origin.</summary>
    public string ApiUrl => $"http://127.0.0.1:{Api}";

    /// <summary>The sample Pass Provider's page (samples/PassProvider), as the IdP is told it.</summary>
    public string PassProviderUrl => $"http://127.0.0.1:{Passes}/";

    /// <summary>The MCP server's streamable HTTP endpoint through the gateway.</summary>
    public string McpThroughGateway => $"http://127.0.0.1:{Gateway}/mcp";

    /// <summary>The run.sh arguments that choose these ports.</summary>
    public string[] Arguments =>
    [
        "--idp-port", Idp.ToString(CultureInfo.InvariantCulture),
        "--gateway-port", Gateway.ToString(CultureInfo.InvariantCulture),
        "--api-port", Api.ToString(CultureInfo.InvariantCulture),
        "--mcp-port", Mcp.ToString(CultureInfo.InvariantCulture),
        "--redis-port", Redis.ToString(CultureInfo.InvariantCulture),
        "--passes-port", Passes.ToString(CultureInfo.InvariantCulture),
    ];
}

/// <summary>
/// <c>./run.sh</c> started as a user would (bash, repository root, the test's own environment), with a data folder of
/// its own so that it never shares <c>./.data</c> with a stack someone else runs in the same tree.
/// </summary>
public sealed class RunSh : IAsyncDisposable
{
    private readonly ProcessHost _host;

    private RunSh(ProcessHost host, string dataDirectory)
    {
        _host = host;
        DataDirectory = dataDirectory;
    }

    /// <summary>The run.sh process id (bash).</summary>
    public int Id => _host.Id;

    /// <summary>The <c>--data</c> folder: IdP database, demo agents, logs.</summary>
    public string DataDirectory { get; }

    /// <summary>Everything run.sh printed so far.</summary>
    public string Output => _host.Output;

    /// <summary>True once run.sh has exited.</summary>
    public bool HasExited => _host.HasExited;

    /// <summary>run.sh's exit code, once exited.</summary>
    public int? ExitCode => _host.ExitCode;

    /// <summary>Starts <c>bash run.sh args --data &lt;temp folder&gt;</c>.</summary>
    public static RunSh Start(params string[] arguments)
    {
        var data = Path.Combine(Path.GetTempPath(), "passport-stack-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(data);
        var host = ProcessHost.Start("bash", ["run.sh", .. arguments, "--data", data], workingDirectory: TestPaths.RepoRoot);
        return new RunSh(host, data);
    }

    /// <summary>Waits until <paramref name="url"/> answers 200; throws with run.sh's output and the logs otherwise.</summary>
    public async Task WaitForHttpAsync(string url, TimeSpan timeout)
    {
        try
        {
            await _host.WaitForHttpAsync(url, timeout);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"{e.Message}\n{Logs()}", e);
        }
    }

    /// <summary>Waits for run.sh to exit on its own; throws with its output when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_host.HasExited)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"run.sh (PID {Id}) did not exit within {timeout}; output:\n{Output}\n{Logs()}");
            }

            await Task.Delay(200);
        }

        // The exit code is read once the output pipes are drained.
        await _host.StopAsync();
        return _host.ExitCode ?? -1;
    }

    /// <summary>Sends SIGTERM to run.sh alone (not its process group), as <c>kill PID</c> or a service manager would.</summary>
    public async Task TerminateAsync()
    {
        var result = await ProcessRunner.RunAsync("bash", ["-c", $"kill -TERM {Id}"], timeout: TimeSpan.FromSeconds(30));
        result.EnsureSuccess();
    }

    /// <summary>The tail of every log file run.sh wrote, for failure messages.</summary>
    public string Logs()
    {
        var logs = Path.Combine(DataDirectory, "logs");
        if (!Directory.Exists(logs))
        {
            return "(no logs)";
        }

        return string.Join("\n", Directory.EnumerateFiles(logs).Order(StringComparer.Ordinal).Select(file =>
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(file);
            }
            catch (IOException e)
            {
                lines = [e.Message];
            }

            return $"--- {Path.GetFileName(file)} (last 40 lines)\n{string.Join("\n", lines.TakeLast(40))}";
        }));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Normally run.sh has already exited; if a test failed half-way, kill its whole tree by its id.
        await _host.DisposeAsync();
        TempDirectory.TryDelete(DataDirectory);
    }
}
