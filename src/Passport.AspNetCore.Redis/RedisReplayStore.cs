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
/// </summary>
public sealed class RedisReplayStore : IReplayStore
{
    private readonly IRedisMultiplexerSource _redis;
    private readonly string _prefix;
    private readonly bool _replicated;
    private readonly object[] _waitArguments;

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
