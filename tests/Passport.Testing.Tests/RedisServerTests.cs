namespace Passport.Testing.Tests;

public class RedisServerTests
{
    [Fact]
    public async Task Starts_answers_stops_by_pid_and_restarts_on_the_same_port()
    {
        await using var redis = await RedisServer.StartAsync();
        Assert.Equal($"127.0.0.1:{redis.Port}", redis.ConnectionString);
        Assert.True(Directory.Exists(redis.Directory));
        Assert.True(await Resp.PingAsync(redis.Port));
        Assert.Equal("OK", await redis.CommandAsync("SET", "greeting", "hello"));
        Assert.Equal("hello", await redis.CommandAsync("GET", "greeting"));
        Assert.Null(await redis.CommandAsync("GET", "missing"));

        var pid = redis.ProcessId;
        Assert.NotNull(pid);
        await redis.StopAsync();
        Assert.Null(redis.ProcessId);
        Assert.False(ProcessIds.IsAlive(pid.Value));
        Assert.False(await Resp.PingAsync(redis.Port));

        var port = redis.Port;
        await redis.StartAgainAsync();
        Assert.Equal(port, redis.Port);
        Assert.NotEqual(pid, redis.ProcessId);
        Assert.True(await Resp.PingAsync(redis.Port));
        Assert.Null(await redis.CommandAsync("GET", "greeting")); // No persistence: the outage lost the data.
    }

    [Fact]
    public async Task Dispose_kills_the_server_and_deletes_its_folder()
    {
        var redis = await RedisServer.StartAsync();
        var pid = redis.ProcessId!.Value;
        var dir = redis.Directory;
        await redis.DisposeAsync();
        Assert.False(ProcessIds.IsAlive(pid));
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public async Task Error_replies_throw()
    {
        await using var redis = await RedisServer.StartAsync();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => redis.CommandAsync("NOSUCHCOMMAND"));
        Assert.Contains("ERR", e.Message, StringComparison.Ordinal);
    }
}

public class RedisFixtureTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Fixture_server_is_shared_and_answers()
    {
        Assert.StartsWith("127.0.0.1:", redis.ConnectionString, StringComparison.Ordinal);
        Assert.Equal("1", await redis.Server.CommandAsync("INCR", "fixture-counter-" + Guid.NewGuid()));
    }
}
