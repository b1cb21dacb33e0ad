using System.Globalization;
using Passport.AspNetCore.Replay;
using StackExchange.Redis;

namespace Passport.AspNetCore.Redis;

/// <summary>
/// Replay store shared by every replica: one <c>SET {prefix}jti:{jkt}:{jti} 1 PX ttl NX</c> per proof
/// (<c>StringSetAsync(key, 1, ttl, When.NotExists)</c>): atomic, so exactly one of concurrent identical proofs wins.
/// The key has no hash tag, so in Redis Cluster the records spread over every slot.
/// With <see cref="RedisReplayStoreOptions.Replicated"/> a first sighting is then confirmed by <c>WAIT 1 timeout</c> sent
/// to the node that owns the key, on the same connection, after the SET: no replica acknowledgement in time → refused.
/// Any Redis failure throws <see cref="ReplayStoreUnavailableException"/>: fail closed.
/// With <see cref="RedisReplayStoreOptions.Floor"/> the store keeps an epoch (<see cref="GetEpochAsync"/>): the marker key
/// <c>{prefix}replay-epoch</c>, without TTL, holds the Redis clock (Unix seconds) of when Redis' memory began; it is set
/// with <c>SET NX</c> and read whenever the connection is (re)established, so a Redis restarted without persistence (the
/// marker gone with every record) starts a new epoch that every gateway shares, and a failover to a replica keeps it.
/// </summary>
public sealed class RedisReplayStore : IReplayStore
{
    private readonly IRedisMultiplexerSource _redis;
    private readonly string _prefix;
    private readonly bool _replicated;
    private readonly object[] _waitArguments;
    private readonly bool _floor;
    private readonly RedisKey _epochKey;
    private readonly Lock _epochLock = new();
    private long _epoch;
    private long _generation;
    private int _watching;

    // The Redis clock, so that every gateway's epoch is the same number; SET NX so the first reader after a loss sets it.
    private const string EpochScript = "redis.call('SET', KEYS[1], redis.call('TIME')[1], 'NX') return redis.call('GET', KEYS[1])";

    /// <summary>A store on the host's Redis connection.</summary>
    /// <param name="redis">The host's one multiplexer.</param>
    /// <param name="options">Key prefix and durability.</param>
    public RedisReplayStore(IRedisMultiplexerSource redis, RedisReplayStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _prefix = options.KeyPrefix + "jti:";
        _replicated = options.Replicated;
        _waitArguments = ["1", options.ReplicationTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture)];
        _floor = options.Floor;
        _epochKey = options.KeyPrefix + "replay-epoch";
    }

    /// <inheritdoc />
    public string Kind => "redis";

    /// <inheritdoc />
    public bool IsAvailable => _redis.IsConnected;

    /// <inheritdoc />
    public async ValueTask<bool> TryRecordAsync(string jkt, string jti, TimeSpan ttl)
    {
        try
        {
            var multiplexer = _redis.Multiplexer;
            if (!multiplexer.IsConnected) throw new ReplayStoreUnavailableException("Redis is not connected.");
            RedisKey key = string.Concat(_prefix, jkt, ":", jti);
            if (!await multiplexer.GetDatabase().StringSetAsync(key, 1, ttl, When.NotExists).ConfigureAwait(false)) return false;
            if (_replicated) await WaitForReplicaAsync(multiplexer, key).ConfigureAwait(false);
            return true;
        }
        catch (RedisException e)
        {
            throw new ReplayStoreUnavailableException("Redis refused or failed the replay record.", e);
        }
        catch (TimeoutException e)
        {
            throw new ReplayStoreUnavailableException("Redis did not answer in time.", e);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Cached; forgotten when a connection fails or is restored (the multiplexer's events), so the first record after a
    /// reconnect reads the marker again (one round trip) and a restart without persistence begins a new epoch.
    /// </remarks>
    public ValueTask<long> GetEpochAsync()
    {
        if (!_floor) return ValueTask.FromResult(0L);
        var epoch = Volatile.Read(ref _epoch);
        return epoch != 0 ? ValueTask.FromResult(epoch) : new ValueTask<long>(ReadEpochAsync());
    }

    private async Task<long> ReadEpochAsync()
    {
        try
        {
            var multiplexer = _redis.Multiplexer;
            if (Interlocked.Exchange(ref _watching, 1) == 0)
            {
                multiplexer.ConnectionFailed += (_, _) => ForgetEpoch();
                multiplexer.ConnectionRestored += (_, _) => ForgetEpoch();
            }
            var generation = Volatile.Read(ref _generation);
            if (!multiplexer.IsConnected) throw new ReplayStoreUnavailableException("Redis is not connected.");
            var value = await multiplexer.GetDatabase().ScriptEvaluateAsync(EpochScript, [_epochKey]).ConfigureAwait(false);
            if (!long.TryParse((string?)value, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) || epoch <= 0)
            {
                throw new ReplayStoreUnavailableException("The replay epoch marker in Redis is not a Unix time.");
            }
            // A read that raced a connection event may have come from the Redis that is gone: use it for this request
            // (it was true when read), but cache it only if no event came in between.
            lock (_epochLock)
            {
                if (_generation == generation) Volatile.Write(ref _epoch, epoch);
            }
            return epoch;
        }
        catch (RedisException e)
        {
            throw new ReplayStoreUnavailableException("Redis refused or failed the replay epoch read.", e);
        }
        catch (TimeoutException e)
        {
            throw new ReplayStoreUnavailableException("Redis did not answer the replay epoch read in time.", e);
        }
    }

    private void ForgetEpoch()
    {
        lock (_epochLock)
        {
            _generation++;
            Volatile.Write(ref _epoch, 0);
        }
    }

    /// <summary>
    /// <c>WAIT</c> counts the replicas that acknowledged every write this connection sent before it, so it goes to the
    /// server that took the SET (the key's primary: <see cref="IConnectionMultiplexer.GetServer(RedisKey, object?, CommandFlags)"/>),
    /// whose interactive connection carried the SET. The record stays either way: a refused proof must not be accepted later.
    /// </summary>
    private async Task WaitForReplicaAsync(ConnectionMultiplexer multiplexer, RedisKey key)
    {
        var server = multiplexer.GetServer(key, flags: CommandFlags.DemandMaster);
        var acknowledged = (long)await server.ExecuteAsync("WAIT", _waitArguments).ConfigureAwait(false);
        if (acknowledged < 1) throw new ReplayStoreUnavailableException("No Redis replica acknowledged the replay record in time (Replicated durability).");
    }
}
