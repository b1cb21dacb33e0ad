using Passport.Server.Tests.Hosting;
using Passport.Testing;
using Xunit;

namespace Passport.Server.Tests.Health;

/// <summary>
/// <c>/readyz</c> checks the database and, when configured, Redis (real redis-server and PostgreSQL stopped and started by
/// their process ids): 503 problem+json naming the failing check, 200 again once it is back; <c>/healthz</c> stays 200.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ReadinessTests
{
    [Fact]
    public async Task Without_redis_only_the_database_is_checked()
    {
        await using var host = await ServerHost.StartAsync();
        var ready = await Problem.JsonAsync(await host.Client.GetAsync("/readyz"));
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("""{"storage":"ok"}""", ready.GetProperty("checks").GetRawText());
    }

    [Fact]
    public async Task Redis_stopped_is_503_naming_redis_and_started_again_is_200()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Passport:Redis:Configuration"] = redis.ConnectionString });
        var ready = await Problem.JsonAsync(await host.Client.GetAsync("/readyz"));
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("redis").GetString());

        await redis.StopAsync();
        var down = await Problem.AssertAsync(await host.Client.GetAsync("/readyz"), 503, "redis.unavailable");
        Assert.Equal("unreachable", down.GetProperty("checks").GetProperty("redis").GetString());
        Assert.Equal("ok", down.GetProperty("checks").GetProperty("storage").GetString());
        Assert.Equal(200, (int)(await host.Client.GetAsync("/healthz")).StatusCode);

        await redis.StartAgainAsync();
        // The multiplexer reconnects by itself (every 0.5 s): readiness comes back without a restart.
        await UntilStatusAsync(host, 200);
    }

    [Fact]
    public async Task Database_stopped_is_503_naming_storage()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("ready" + Guid.NewGuid().ToString("N"));
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Passport:Storage:Provider"] = "Postgres",
            ["Passport:Storage:ConnectionString"] = connectionString,
        });
        Assert.Equal(200, (int)(await host.Client.GetAsync("/readyz")).StatusCode);

        await postgres.StopAsync();
        var down = await Problem.AssertAsync(await host.Client.GetAsync("/readyz"), 503, "storage.unavailable");
        Assert.Equal("unreachable", down.GetProperty("checks").GetProperty("storage").GetString());
        Assert.Equal(200, (int)(await host.Client.GetAsync("/healthz")).StatusCode);
    }

    private static async Task UntilStatusAsync(ServerHost host, int status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await host.Client.GetAsync("/readyz");
            if ((int)response.StatusCode == status) return;
            Assert.True(DateTime.UtcNow < deadline, $"/readyz stayed {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }
    }
}
