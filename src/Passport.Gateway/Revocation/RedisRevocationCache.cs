using Microsoft.Extensions.Options;
using Passport.Gateway.Configuration;
using Passport.Gateway.Redis;
using Passport.Gateway.Telemetry;
using StackExchange.Redis;

namespace Passport.Gateway.Revocation;

/// <summary>
/// <c>Revocation:Source=Redis</c>: subscribes to <c>{prefix}revocations</c>, then reads the sets <c>{prefix}revoked:dids</c>,
/// <c>{prefix}rotated:dids</c>, <c>{prefix}revoked:grants</c> in full; resyncs in full after every reconnect. Live while connected.
/// </summary>
internal sealed partial class RedisRevocationCache : BackgroundService, IRevocationCache
{
    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<RedisRevocationCache> _logger;
    private readonly RevocationFreshness _freshness;
    private readonly SemaphoreSlim _resync = new(0, 1);

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
        multiplexer.ConnectionFailed += (_, _) => _freshness.SetLive(false);
        multiplexer.ConnectionRestored += (_, _) =>
        {
            _freshness.SetLive(false);
            RequestResync();
        };
        var subscribed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!subscribed)
                {
                    var channel = RedisChannel.Literal(_redis.Prefix + "revocations");
                    await multiplexer.GetSubscriber().SubscribeAsync(channel, (_, message) => OnMessage(message)).ConfigureAwait(false);
                    subscribed = true;
                }
                await ResyncAsync(multiplexer).ConfigureAwait(false);
                _freshness.SetLive(multiplexer.IsConnected);
                await _resync.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                _freshness.SetLive(false);
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

    private async Task ResyncAsync(ConnectionMultiplexer multiplexer)
    {
        var db = multiplexer.GetDatabase();
        var revoked = db.SetMembersAsync(_redis.Prefix + "revoked:dids");
        var rotated = db.SetMembersAsync(_redis.Prefix + "rotated:dids");
        var grants = db.SetMembersAsync(_redis.Prefix + "revoked:grants");
        await Task.WhenAll(revoked, rotated, grants).ConfigureAwait(false);
        List.AddAll(revoked.Result.Select(v => v.ToString()), rotated.Result.Select(v => v.ToString()), grants.Result.Select(v => v.ToString()));
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
