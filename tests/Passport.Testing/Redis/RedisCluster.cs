using System.Globalization;

namespace Passport.Testing;

/// <summary>
/// A real Redis Cluster on loopback: 3 primaries + 3 replicas (<c>redis-server --cluster-enabled yes</c> ×6, each in its
/// own temp folder without persistence, joined by <c>redis-cli --cluster create … --cluster-replicas 1</c>).
/// A low <c>cluster-node-timeout</c> makes a killed primary fail over within a few seconds. Nodes are stopped by their own ids.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(45);

    private RedisCluster(IReadOnlyList<RedisServer> nodes) => Nodes = nodes;

    /// <summary>The six nodes, in start order (roles change after a failover: ask <see cref="PrimariesAsync"/>).</summary>
    public IReadOnlyList<RedisServer> Nodes { get; }

    /// <summary>StackExchange.Redis configuration: every node's endpoint.</summary>
    public string ConnectionString => string.Join(',', Nodes.Select(n => n.ConnectionString));

    /// <summary>Starts the six nodes, creates the cluster and waits until it is healthy with every replica in sync.</summary>
    public static async Task<RedisCluster> StartAsync(int nodeTimeoutMilliseconds = 1000, CancellationToken cancellationToken = default)
    {
        var nodes = new List<RedisServer>();
        var cluster = new RedisCluster(nodes);
        try
        {
            for (var i = 0; i < 6; i++)
            {
                nodes.Add(await RedisServer.StartAsync(
                    ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                     "--cluster-node-timeout", nodeTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture),
                     "--cluster-port", FreePort.Get().ToString(CultureInfo.InvariantCulture)],
                    cancellationToken: cancellationToken).ConfigureAwait(false));
            }

            var cli = Executables.Require("redis-cli", "apt-get install -y redis-tools", ["/usr/bin", "/usr/local/bin"]);
            List<string> create = ["--cluster", "create", .. nodes.Select(n => n.ConnectionString), "--cluster-replicas", "1", "--cluster-yes"];
            (await ProcessRunner.RunAsync(cli, create, timeout: TimeSpan.FromSeconds(60), cancellationToken: cancellationToken).ConfigureAwait(false))
                .EnsureSuccess();
            await cluster.WaitHealthyAsync(ReadyTimeout, cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Waits (bounded) until every running node reports <c>cluster_state:ok</c>, three primaries own slots, and every
    /// running replica's link to its primary is up.
    /// </summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (true)
        {
            try
            {
                if (await IsHealthyAsync(cancellationToken).ConfigureAwait(false)) return;
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                last = e.Message;
            }

            if (DateTime.UtcNow > deadline)
            {
                var nodes = await TryCommandAsync(RunningNodes().First(), "CLUSTER", "NODES").ConfigureAwait(false);
                throw new TimeoutException($"Redis Cluster not healthy within {timeout} ({last}):\n{nodes}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        foreach (var node in RunningNodes())
        {
            var info = await node.CommandAsync("CLUSTER", "INFO").ConfigureAwait(false) ?? "";
            if (!info.Contains("cluster_state:ok", StringComparison.Ordinal)) return false;
            var replication = await node.CommandAsync("INFO", "replication").ConfigureAwait(false) ?? "";
            if (replication.Contains("role:slave", StringComparison.Ordinal) && !replication.Contains("master_link_status:up", StringComparison.Ordinal)) return false;
            cancellationToken.ThrowIfCancellationRequested();
        }

        return (await PrimariesAsync().ConfigureAwait(false)).Count == 3;
    }

    /// <summary>The running nodes that are primaries owning slots now (from <c>CLUSTER NODES</c> of a running node).</summary>
    public async Task<IReadOnlyList<RedisServer>> PrimariesAsync()
    {
        var owners = new List<RedisServer>();
        foreach (var (node, _) in await SlotOwnersAsync().ConfigureAwait(false))
        {
            if (!owners.Contains(node)) owners.Add(node);
        }

        return owners;
    }

    /// <summary>The running primary that owns <paramref name="key"/>'s hash slot now.</summary>
    public async Task<RedisServer> PrimaryForKeyAsync(string key)
    {
        var any = RunningNodes().First();
        var slot = int.Parse(await any.CommandAsync("CLUSTER", "KEYSLOT", key).ConfigureAwait(false) ?? "-1", CultureInfo.InvariantCulture);
        foreach (var (node, ranges) in await SlotOwnersAsync().ConfigureAwait(false))
        {
            if (ranges.Any(r => slot >= r.From && slot <= r.To)) return node;
        }

        throw new InvalidOperationException($"No running primary owns slot {slot}.");
    }

    private async Task<List<(RedisServer Node, List<(int From, int To)> Ranges)>> SlotOwnersAsync()
    {
        var text = await RunningNodes().First().CommandAsync("CLUSTER", "NODES").ConfigureAwait(false) ?? "";
        var owners = new List<(RedisServer, List<(int, int)>)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // <id> <ip:port@cport> <flags> <primary> <ping> <pong> <epoch> <link> <slot ranges…>
            var fields = line.Split(' ');
            var flags = fields[2].Split(',');
            if (!flags.Contains("master") || flags.Contains("fail") || fields.Length < 9) continue;
            var port = int.Parse(fields[1].Split('@')[0].Split(':')[1], CultureInfo.InvariantCulture);
            var node = Nodes.FirstOrDefault(n => n.Port == port && n.ProcessId is not null);
            if (node is null) continue;
            var ranges = fields.Skip(8).Where(f => !f.StartsWith('[')).Select(f =>
            {
                var parts = f.Split('-');
                var from = int.Parse(parts[0], CultureInfo.InvariantCulture);
                return (from, parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : from);
            }).ToList();
            owners.Add((node, ranges));
        }

        return owners;
    }

    private IEnumerable<RedisServer> RunningNodes() => Nodes.Where(n => n.ProcessId is not null);

    private static async Task<string> TryCommandAsync(RedisServer node, params string[] command)
    {
        try
        {
            return await node.CommandAsync(command).ConfigureAwait(false) ?? "";
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            return e.Message;
        }
    }

    /// <summary>Stops every node and deletes their folders.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }
}
