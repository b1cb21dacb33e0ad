using Microsoft.Extensions.Options;
using Passport.AspNetCore.Redis;
using Passport.Server.Configuration;
using Passport.Server.Storage;
using StackExchange.Redis;

namespace Passport.Server.Health;

/// <summary>
/// The checks of <c>/readyz</c>: the database answers <c>SELECT 1</c>, and, when <c>Passport:Redis:Configuration</c> is
/// set, Redis answers <c>PING</c>. Each check is bounded (<see cref="Timeout"/>), so a hung dependency makes the probe
/// answer 503, never hang.
/// </summary>
internal sealed class ReadinessProbe(SqlDatabase database, IServiceProvider services, IOptions<PassportServerOptions> options)
{
    /// <summary>The longest one check may take before it counts as failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>Check name → <c>ok</c> or what is wrong; <c>redis</c> only when Redis is configured.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["storage"] = await StorageAsync(cancellationToken) ? "ok" : "unreachable",
        };
        if (options.Value.Redis.Configuration is { Length: > 0 }) checks["redis"] = await RedisAsync(cancellationToken) ? "ok" : "unreachable";
        return checks;
    }

    private async Task<bool> StorageAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await database.PingAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task<bool> RedisAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The IdP's one multiplexer (replay store, revocation publisher): it fails fast while disconnected.
            var connection = services.GetRequiredService<RedisConnection>();
            await connection.Multiplexer.GetDatabase().PingAsync().WaitAsync(Timeout, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return false;
        }
    }
}
