using System.Globalization;
using System.Net.Sockets;

namespace Passport.Load.Processes;

/// <summary>A <c>redis-server</c> on a free loopback port in a temp folder, no persistence, stopped by its pid.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _directory;

    private RedisProcess(ChildProcess process, int port, string directory)
    {
        _process = process;
        Port = port;
        _directory = directory;
    }

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    /// <summary>Process id.</summary>
    public int Pid => _process.Pid;

    /// <summary>StackExchange.Redis connection string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts redis-server (from PATH or /usr/bin) and waits until it accepts connections.</summary>
    public static async Task<RedisProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("redis-server is not installed; install it with: apt-get install -y redis-server");
        var directory = Directory.CreateTempSubdirectory("passport-load-redis-").FullName;
        var port = FreePort.Get();
        var process = ChildProcess.Start("redis", executable,
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory, "--daemonize", "no"],
            workingDirectory: directory);
        var redis = new RedisProcess(process, port, directory);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
                return redis;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                await redis.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"redis-server did not start on port {port}:\n{process.Output}");
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
