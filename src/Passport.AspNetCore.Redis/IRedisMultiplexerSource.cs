using StackExchange.Redis;

namespace Passport.AspNetCore.Redis;

/// <summary>
/// The process's one Redis connection, owned by the host (<see cref="RedisConnection"/> for the gateway and the IdP), so the
/// replay store shares it with the host's other Redis users instead of opening its own.
/// </summary>
public interface IRedisMultiplexerSource
{
    /// <summary>The multiplexer; connected on first use. Commands should fail fast while disconnected (no backlog).</summary>
    ConnectionMultiplexer Multiplexer { get; }

    /// <summary>True when the multiplexer exists and is connected; does not connect (readiness).</summary>
    bool IsConnected { get; }
}
