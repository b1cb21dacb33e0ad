using System.Globalization;

namespace Passport.Testing;

/// <summary>
/// A real Redis Sentinel setup on loopback: one primary, one replica and three sentinels (<c>redis-server --sentinel</c>,
/// quorum 2, <c>down-after-milliseconds</c> 1000, <c>failover-timeout</c> 5000), each in its own temp folder.
/// Processes are stopped by their own ids.
/// </summary>
public sealed class RedisSentinel : IAsyncDisposable
{
    /// <summary>The monitored service name.</summary>
    public const string ServiceName = "mymaster";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(45);

    private RedisSentinel(IReadOnlyList<RedisServer> data, IReadOnlyList<RedisServer> sentinels)
    {
        DataNodes = data;
        Sentinels = sentinels;
    }

    /// <summary>The primary (as started) and the replica; roles change after a failover: ask <see cref="CurrentPrimaryAsync"/>.</summary>
    public IReadOnlyList<RedisServer> DataNodes { get; }

    /// <summary>The three sentinels.</summary>
    public IReadOnlyList<RedisServer> Sentinels { get; }

    /// <summary>StackExchange.Redis configuration: the sentinel endpoints and <c>serviceName=mymaster</c>.</summary>
    public string ConnectionString => string.Join(',', Sentinels.Select(s => s.ConnectionString)) + ",serviceName=" + ServiceName;

    /// <summary>Starts the primary, the replica (waits for its link) and the sentinels (waits until each knows the replica and the other two).</summary>
    public static async Task<RedisSentinel> StartAsync(CancellationToken cancellationToken = default)
    {
        var data = new List<RedisServer>();
        var sentinels = new List<RedisServer>();
        var setup = new RedisSentinel(data, sentinels);
        try
        {
            var primary = await RedisServer.StartAsync(cancellationToken).ConfigureAwait(false);
            data.Add(primary);
            var primaryPort = primary.Port.ToString(CultureInfo.InvariantCulture);
            data.Add(await RedisServer.StartAsync(["--replicaof", "127.0.0.1", primaryPort], cancellationToken: cancellationToken).ConfigureAwait(false));
            for (var i = 0; i < 3; i++)
            {
                sentinels.Add(await RedisServer.StartAsync(
                    ["--sentinel",
                     "--sentinel", "monitor", ServiceName, "127.0.0.1", primaryPort, "2",
                     "--sentinel", "down-after-milliseconds", ServiceName, "1000",
                     "--sentinel", "failover-timeout", ServiceName, "5000"],
                    "sentinel.conf",
                    cancellationToken).ConfigureAwait(false));
            }

            await setup.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
            return setup;
        }
        catch
        {
            await setup.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        var last = "";
        while (true)
        {
            try
            {
                var replication = await DataNodes[1].CommandAsync("INFO", "replication").ConfigureAwait(false) ?? "";
                var ready = replication.Contains("master_link_status:up", StringComparison.Ordinal);
                foreach (var sentinel in Sentinels)
                {
                    var primary = await sentinel.CommandAsync("SENTINEL", "MASTER", ServiceName).ConfigureAwait(false) ?? "";
                    last = primary.Replace('\n', ' ');
                    ready &= Field(primary, "num-slaves") == "1" && Field(primary, "num-other-sentinels") == "2";
                }

                if (ready) return;
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                last = e.Message;
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Redis Sentinel setup not ready within {ReadyTimeout}: {last}");
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The data node the sentinels name as primary now (<c>SENTINEL GET-MASTER-ADDR-BY-NAME</c> of the first running sentinel).</summary>
    public async Task<RedisServer> CurrentPrimaryAsync()
    {
        var sentinel = Sentinels.First(s => s.ProcessId is not null);
        var address = (await sentinel.CommandAsync("SENTINEL", "GET-MASTER-ADDR-BY-NAME", ServiceName).ConfigureAwait(false) ?? "").Split('\n');
        var port = int.Parse(address[1], CultureInfo.InvariantCulture);
        return DataNodes.First(n => n.Port == port);
    }

    /// <summary>
    /// Waits for the event a failover test needs, never for a time: every running sentinel names the same primary, not
    /// the node on <paramref name="previousPort"/>, and that node reports <c>role:master</c>. Sentinels other than the
    /// leader learn the new address from hello messages a moment later, so asking one sentinel once can still see the old
    /// primary. Bounded by <paramref name="within"/> (default 60 s); returns the new primary.
    /// </summary>
    public async Task<RedisServer> WaitForFailoverAsync(int previousPort, TimeSpan? within = null, CancellationToken cancellationToken = default)
    {
        var limit = within ?? TimeSpan.FromSeconds(60);
        var deadline = DateTime.UtcNow + limit;
        var last = "";
        while (true)
        {
            try
            {
                var ports = new HashSet<int>();
                foreach (var sentinel in Sentinels.Where(s => s.ProcessId is not null))
                {
                    var address = (await sentinel.CommandAsync("SENTINEL", "GET-MASTER-ADDR-BY-NAME", ServiceName).ConfigureAwait(false) ?? "").Split('\n');
                    if (address.Length > 1 && int.TryParse(address[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port)) ports.Add(port);
                    else ports.Add(-1);
                }

                last = "sentinels name port(s) " + string.Join(", ", ports);
                if (ports.Count == 1 && ports.Single() is var primaryPort && primaryPort != previousPort && DataNodes.FirstOrDefault(n => n.Port == primaryPort) is { } primary)
                {
                    var replication = await primary.CommandAsync("INFO", "replication").ConfigureAwait(false) ?? "";
                    if (replication.Contains("role:master", StringComparison.Ordinal)) return primary;
                    last += $"; {primaryPort} is not master yet";
                }
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                last = e.Message;
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No failover away from port {previousPort} within {limit}: {last}");
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    // A flat RESP array of name/value pairs, as Resp joins it: the value after the line holding the name.
    private static string? Field(string pairs, string name)
    {
        var lines = pairs.Split('\n');
        for (var i = 0; i + 1 < lines.Length; i += 2)
        {
            if (lines[i] == name) return lines[i + 1];
        }

        return null;
    }

    /// <summary>Stops every process and deletes their folders.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var node in Sentinels.Concat(DataNodes))
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }
}
