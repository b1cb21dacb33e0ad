using Microsoft.Extensions.Options;
using Passport.AspNetCore.Redis;
using Passport.Gateway.Configuration;
using Passport.Gateway.Telemetry;
using StackExchange.Redis;

namespace Passport.Gateway.Revocation;

/// <summary>
/// <c>Revocation:Source=Redis</c>: subscribes to <c>{prefix}revocations</c>, then reads the sets <c>{prefix}revoked:dids</c>,
/// <c>{prefix}rotated:dids</c>, <c>{prefix}revoked:grants</c> in full; resyncs in full after every connection failure or
/// restore (failover, reconnect). Live while the subscription is connected; otherwise it polls the sets until it is back.
/// Pub/sub is at-most-once (a message published while the subscription moves between nodes is gone), so even while live
/// it compares the sets' sizes (<c>SCARD</c>, O(1)) with those of its last full read every second and resyncs when they
/// differ: a lost message costs at most a second, never a revoked agent accepted until the next connection event.
/// </summary>
/// <remarks>
/// Redis Cluster: the three sets are read by three separate <c>SMEMBERS</c> (no multi-key command, so no shared slot needed;
/// each set only grows, so reading them one by one loses nothing). The channel is classic pub/sub: a <c>PUBLISH</c> on any
/// node is broadcast over the cluster bus to subscribers on every node (sharded <c>SPUBLISH</c> would reach only one shard).
/// </remarks>
internal sealed partial class RedisRevocationCache : BackgroundService, IRevocationCache
{
    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<RedisRevocationCache> _logger;
    private readonly RevocationFreshness _freshness;
    private static readonly TimeSpan LiveCheckInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private readonly SemaphoreSlim _resync = new(0, 1);
    private long _knownCardinality = -1;

    public RedisRevocationCache(IOptions<PassportGatewayOptions> options, RedisConnection redis, TimeProvider time, GatewayMetrics metrics, ILogger<RedisRevocationCache> logger)
    {
        _redis = redis;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _freshness = new RevocationFreshness(time, TimeSpan.FromSeconds(options.Value.Revocation.MaxStalenessSeconds));
    }

    public RevocationList List { get; } = new();

    public bool IsCurrent => _freshness.IsCurrent;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var multiplexer = _redis.Multiplexer;
        // Any endpoint lost or back (a primary failing over, a sentinel switching primaries, a reconnect): look again, resync in full.
        multiplexer.ConnectionFailed += (_, _) =>
        {
            _freshness.SetLive(false);
            RequestResync();
        };
        multiplexer.ConnectionRestored += (_, _) =>
        {
            _freshness.SetLive(false);
            RequestResync();
        };
        var subscriber = multiplexer.GetSubscriber();
        var channel = RedisChannel.Literal(_redis.Prefix + "revocations");
        var subscribed = false;
        var resyncDue = true;
        var wasLive = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!subscribed)
                {
                    await subscriber.SubscribeAsync(channel, (_, message) => OnMessage(message)).ConfigureAwait(false);
                    subscribed = true;
                }
                // Observed before the resync: whatever was published before the subscription came (back) is in the sets.
                var live = multiplexer.IsConnected && subscriber.IsConnected(channel);
                if (resyncDue || !live || !wasLive || await CardinalityAsync(multiplexer).ConfigureAwait(false) != _knownCardinality)
                {
                    await ResyncAsync(multiplexer).ConfigureAwait(false);
                    _freshness.Confirm();
                }
                _freshness.SetLive(live);
                wasLive = live;
                // Live: wake on a connection event, or look again each second. Not live (the node holding the subscription
                // is gone and the multiplexer has not moved it yet): keep current by polling the sets.
                resyncDue = await _resync.WaitAsync(live ? LiveCheckInterval : PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                _freshness.SetLive(false);
                wasLive = false;
                resyncDue = true;
                LogResyncFailed(_logger, e.GetType().Name, e.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void RequestResync()
    {
        try
        {
            _resync.Release();
        }
        catch (SemaphoreFullException)
        {
            // A resync is already pending.
        }
    }

    /// <summary>The three sets' total size; they only grow, so an unchanged total means nothing was missed.</summary>
    private async Task<long> CardinalityAsync(ConnectionMultiplexer multiplexer)
    {
        var db = multiplexer.GetDatabase();
        var revoked = db.SetLengthAsync(_redis.Prefix + "revoked:dids");
        var rotated = db.SetLengthAsync(_redis.Prefix + "rotated:dids");
        var grants = db.SetLengthAsync(_redis.Prefix + "revoked:grants");
        await Task.WhenAll(revoked, rotated, grants).ConfigureAwait(false);
        return revoked.Result + rotated.Result + grants.Result;
    }

    private async Task ResyncAsync(ConnectionMultiplexer multiplexer)
    {
        // Sizes first: anything added after this read shows as a larger total at the next check and is read then.
        var cardinality = await CardinalityAsync(multiplexer).ConfigureAwait(false);
        var db = multiplexer.GetDatabase();
        var revoked = db.SetMembersAsync(_redis.Prefix + "revoked:dids");
        var rotated = db.SetMembersAsync(_redis.Prefix + "rotated:dids");
        var grants = db.SetMembersAsync(_redis.Prefix + "revoked:grants");
        await Task.WhenAll(revoked, rotated, grants).ConfigureAwait(false);
        List.AddAll(revoked.Result.Select(v => v.ToString()), rotated.Result.Select(v => v.ToString()), grants.Result.Select(v => v.ToString()));
        _knownCardinality = cardinality;
        LogResynced(_logger, List.Count);
    }

    private void OnMessage(RedisValue message)
    {
        if (RevocationEvent.Parse(message.ToString()) is { } e && List.Apply(e))
        {
            _metrics.RevocationApplied(e.Type, e.At is { } at ? _time.GetUtcNow() - at : TimeSpan.MinValue);
            LogApplied(_logger, e.Type, e.Id);
        }
    }

    [LoggerMessage(EventId = 1211, Level = LogLevel.Information, Message = "Revocation list resynced from Redis: {Count} entries")]
    private static partial void LogResynced(ILogger logger, int count);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning, Message = "Revocation resync from Redis failed ({Error}: {Message}); refusing requests until it succeeds")]
    private static partial void LogResyncFailed(ILogger logger, string error, string message);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Information, Message = "Applied revocation event {Type} #{Id} from Redis")]
    private static partial void LogApplied(ILogger logger, string type, long id);
}
