using Passport.Gateway.Redis;
using StackExchange.Redis;

namespace Passport.Gateway.Replay;

/// <summary>
/// Replay store shared by every replica: one <c>SET {prefix}jti:{jkt}:{jti} 1 PX ttl NX</c> per proof
/// (<c>StringSetAsync(key, 1, ttl, When.NotExists)</c>): atomic, so exactly one of concurrent identical proofs wins.
/// Any Redis failure throws <see cref="ReplayStoreUnavailableException"/>: fail closed.
/// </summary>
internal sealed class RedisReplayStore(RedisConnection redis) : IReplayStore
{
    private readonly string _prefix = redis.Prefix + "jti:";

    public string Kind => "redis";

    public bool IsAvailable => redis.IsConnected;

    public async ValueTask<bool> TryRecordAsync(string jkt, string jti, TimeSpan ttl)
    {
        try
        {
            var multiplexer = redis.Multiplexer;
            if (!multiplexer.IsConnected) throw new ReplayStoreUnavailableException("Redis is not connected.");
            RedisKey key = string.Concat(_prefix, jkt, ":", jti);
            return await multiplexer.GetDatabase().StringSetAsync(key, 1, ttl, When.NotExists).ConfigureAwait(false);
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
}
