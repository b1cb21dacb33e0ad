namespace Passport.AspNetCore.Redis;

/// <summary>Settings of <see cref="RedisReplayStore"/>.</summary>
public sealed class RedisReplayStoreOptions
{
    /// <summary>Prefix of every key: records are <c>{KeyPrefix}jti:{jkt}:{jti}</c>. Default <c>passport:</c>.</summary>
    public string KeyPrefix { get; set; } = "passport:";

    /// <summary>When true, a first sighting is accepted only after one replica acknowledged it (<c>WAIT 1 timeout</c>).</summary>
    public bool Replicated { get; set; }

    /// <summary>
    /// When true, the store keeps a replay floor: proofs issued before the epoch of Redis' memory (marker key
    /// <c>{KeyPrefix}replay-epoch</c>) plus the <c>iat</c> window are refused, so a restart without persistence cannot
    /// let a proof be accepted twice. Default false (after a fresh start, proofs are refused for one window).
    /// </summary>
    public bool Floor { get; set; }

    /// <summary>The <c>WAIT</c> timeout when <see cref="Replicated"/>, in milliseconds.</summary>
    public int ReplicationTimeoutMilliseconds { get; set; } = 50;
}
