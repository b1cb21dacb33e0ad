using Passport.AspNetCore.Redis;

namespace Passport.Gateway.Redis;

/// <summary>Opens the shared Redis connection at start so the first request does not pay for it (it keeps retrying if Redis is down).</summary>
internal sealed class RedisWarmup(RedisConnection redis) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(() => _ = redis.Multiplexer, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
