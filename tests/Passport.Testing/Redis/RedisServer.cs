namespace Passport.Testing;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, in a fresh temp folder, without persistence.
/// Stopped by its own process id; <see cref="StartAgainAsync"/> brings it back on the same port (outage tests).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string _executable;
    private readonly IReadOnlyList<string> _extraArguments;
    private readonly string? _configFile;
    private ProcessHost? _host;

    private RedisServer(string executable, int port, string directory, IReadOnlyList<string> extraArguments, string? configFile)
    {
        _executable = executable;
        Port = port;
        Directory = directory;
        _extraArguments = extraArguments;
        _configFile = configFile;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>StackExchange.Redis connection string, "127.0.0.1:N".</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Its working folder, deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>The process id of the running server, or null while stopped.</summary>
    public int? ProcessId => _host is { HasExited: false } h ? h.Id : null;

    /// <summary>What the server has written so far (of the current run).</summary>
    public string Output => _host?.Output ?? string.Empty;

    /// <summary>Starts a server and waits until it answers PING.</summary>
    public static Task<RedisServer> StartAsync(CancellationToken cancellationToken = default) => StartAsync([], null, cancellationToken);

    /// <summary>
    /// Starts a server with <paramref name="extraArguments"/> after the defaults (e.g. <c>--replicaof</c>, <c>--cluster-enabled yes</c>,
    /// <c>--sentinel monitor …</c>) and waits until it answers PING. With <paramref name="configFileName"/> an empty, writable
    /// config file of that name is created in its folder and passed first (sentinels and cluster nodes rewrite theirs).
    /// </summary>
    public static async Task<RedisServer> StartAsync(IReadOnlyList<string> extraArguments, string? configFileName = null, CancellationToken cancellationToken = default)
    {
        var executable = Executables.Require("redis-server", "apt-get install -y redis-server", ["/usr/bin", "/usr/sbin", "/usr/local/bin"]);
        var directory = System.IO.Directory.CreateTempSubdirectory("passport-redis-").FullName;
        string? configFile = null;
        if (configFileName is not null)
        {
            configFile = Path.Combine(directory, configFileName);
            await File.WriteAllTextAsync(configFile, "", cancellationToken).ConfigureAwait(false);
        }

        var server = new RedisServer(executable, FreePort.Get(), directory, extraArguments, configFile);
        try
        {
            // The port was free a moment ago; if someone took it meanwhile, try another.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await server.StartAgainAsync(cancellationToken).ConfigureAwait(false);
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    server.Port = FreePort.Get();
                }
            }
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends one command (see <see cref="Resp.CommandAsync"/>).</summary>
    public Task<string?> CommandAsync(params string[] command) => Resp.CommandAsync("127.0.0.1", Port, command);

    /// <summary>Starts the server again on the same port after <see cref="StopAsync"/>; waits for PING.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (ProcessId is not null)
        {
            throw new InvalidOperationException($"redis-server is already running on port {Port}.");
        }

        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }

        List<string> arguments = _configFile is null ? [] : [_configFile];
        arguments.AddRange(
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", Directory, "--daemonize", "no"]);
        arguments.AddRange(_extraArguments);
        _host = ProcessHost.Start(_executable, arguments, workingDirectory: Directory);

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await Resp.PingAsync(Port, cancellationToken).ConfigureAwait(false))
        {
            if (_host.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_host.ExitCode} on port {Port}:\n{_host.Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                await _host.StopAsync().ConfigureAwait(false);
                throw new TimeoutException($"redis-server did not answer PING on port {Port} within {StartTimeout}:\n{_host.Output}");
            }

            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Kills the server by its process id and waits for it to exit. The port stays reserved for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
            _host = null;
        }

        TempDirectory.TryDelete(Directory);
    }
}
