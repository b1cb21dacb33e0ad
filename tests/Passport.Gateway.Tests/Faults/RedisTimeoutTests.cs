using Microsoft.Extensions.Logging.Abstractions;
using Passport.AspNetCore.Redis;
using Passport.AspNetCore.Replay;
using Passport.Testing;
using StackExchange.Redis;

namespace Passport.Gateway.Tests.Faults;

/// <summary>
/// The timeout path under <see cref="RedisSlowedTests"/>: a real redis-server behind a stalled <see cref="TcpDelayProxy"/>
/// keeps the connection open and never answers, so StackExchange.Redis gives up with its <see cref="RedisTimeoutException"/>
/// (a <see cref="TimeoutException"/>, not a <see cref="RedisException"/>) after the 2000 ms async timeout. The store turns it
/// into <see cref="ReplayStoreUnavailableException"/> (the scheme's 503 <c>replay.unavailable</c> + Retry-After), for the
/// record and for the replay-floor epoch read alike; never an unhandled exception (a 500).
/// </summary>
[Trait("Category", "Slow")]
public sealed class RedisTimeoutTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private TcpDelayProxy _proxy = null!;
    private RedisConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _proxy = TcpDelayProxy.Start(_redis.Port);
        _connection = new RedisConnection(_proxy.ConnectionString, "passport:", "timeout-tests", NullLogger<RedisConnection>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _proxy.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_redis_timeout_becomes_replay_store_unavailable_for_the_record_and_the_epoch()
    {
        var store = new RedisReplayStore(_connection, new RedisReplayStoreOptions { Floor = false });
        var floored = new RedisReplayStore(_connection, new RedisReplayStoreOptions { Floor = true });
        Assert.True(await store.TryRecordAsync("jkt", Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(10)));

        _proxy.Stall();
        var record = await Assert.ThrowsAsync<ReplayStoreUnavailableException>(() => store.TryRecordAsync("jkt", Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(10)).AsTask());
        Assert.IsAssignableFrom<TimeoutException>(record.InnerException);
        var epoch = await Assert.ThrowsAsync<ReplayStoreUnavailableException>(() => floored.GetEpochAsync().AsTask());
        Assert.IsAssignableFrom<TimeoutException>(epoch.InnerException);

        _proxy.Resume();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                Assert.True(await store.TryRecordAsync("jkt", Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(10)));
                Assert.True(await floored.GetEpochAsync() > 0);
                break;
            }
            catch (ReplayStoreUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
