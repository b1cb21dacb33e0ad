using System.Globalization;
using Microsoft.Extensions.Options;
using Passport.AspNetCore.Replay;
using Passport.Gateway.Configuration;
using Passport.Gateway.Redis;
using StackExchange.Redis;

namespace Passport.Gateway.Replay;

/// <summary>
/// Replay store shared by every replica: one <c>SET {prefix}jti:{jkt}:{jti} 1 PX ttl NX</c> per proof
/// (<c>StringSetAsync(key, 1, ttl, When.NotExists)</c>): atomic, so exactly one of concurrent identical proofs wins.
/// The key has no hash tag, so in Redis Cluster the records spread over every slot.
/// With <c>Replay:Durability=Replicated</c> a first sighting is then confirmed by <c>WAIT 1 timeout</c> sent to the node
/// that owns the key, on the same connection, after the SET: no replica acknowledgement in time → refused.
/// Any Redis failure throws <see cref="ReplayStoreUnavailableException"/>: fail closed.
/// </summary>
internal sealed class RedisReplayStore : IReplayStore
{
    private readonly RedisConnection _redis;
    private readonly string _prefix;
    private readonly bool _replicated;
    private readonly object[] _waitArguments;

    public RedisReplayStore(RedisConnection redis, IOptions<PassportGatewayOptions> options)
    {
        _redis = redis;
        _prefix = redis.Prefix + "jti:";
        var replay = options.Value.Replay;
        _replicated = ReplayDurabilities.TryParse(replay.Durability) == ReplayDurability.Replicated;
        _waitArguments = ["1", replay.ReplicationTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture)];
    }

    public string Kind => "redis";

    public bool IsAvailable => _redis.IsConnected;

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
        if (acknowledged < 1) throw new ReplayStoreUnavailableException("No Redis replica acknowledged the replay record in time (Replay:Durability=Replicated).");
    }
}
