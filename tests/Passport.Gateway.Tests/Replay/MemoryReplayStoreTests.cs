using Microsoft.Extensions.Time.Testing;
using Passport.AspNetCore.Replay;

namespace Passport.Gateway.Tests.Replay;

/// <summary>The memory replay store on a fake clock: live until its TTL, bounded, fail closed when full, one winner per pair.</summary>
public sealed class MemoryReplayStoreTests : IDisposable
{
    private const string Jkt = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_716_400_000).AddMilliseconds(250));
    private readonly List<MemoryReplayStore> _stores = [];

    private MemoryReplayStore Store(int maxEntries = 1000)
    {
        var store = new MemoryReplayStore(_time, maxEntries);
        _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
    }

    private static bool Record(MemoryReplayStore store, string jti, TimeSpan ttl, string jkt = Jkt) =>
        store.TryRecordAsync(jkt, jti, ttl).AsTask().GetAwaiter().GetResult();

    // TTLs in milliseconds: below a second, fractional, the default 121 s, and longer than the bucket ring.
    [Theory]
    [InlineData(1)]
    [InlineData(400)]
    [InlineData(1_500)]
    [InlineData(121_000)]
    [InlineData(1_000_000)]
    public void Entry_is_a_replay_until_its_ttl_then_recordable_again_and_its_memory_is_reclaimed(int ttlMilliseconds)
    {
        var store = Store();
        var ttl = TimeSpan.FromMilliseconds(ttlMilliseconds);
        Assert.True(Record(store, "a", ttl));
        Assert.False(Record(store, "a", ttl));
        _time.Advance(ttl - TimeSpan.FromTicks(1));
        Assert.False(Record(store, "a", ttl));
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.True(Record(store, "a", ttl));
        _time.Advance(ttl + TimeSpan.FromSeconds(1));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Pairs_are_compared_in_full()
    {
        var store = Store();
        var ttl = TimeSpan.FromSeconds(121);
        Assert.True(Record(store, "jti", ttl));
        Assert.True(Record(store, "jti", ttl, jkt: "other-jkt"));
        Assert.True(Record(store, "jti2", ttl));
        // The same characters split differently are another pair.
        Assert.True(Record(store, "bc", ttl, jkt: "a"));
        Assert.True(Record(store, "c", ttl, jkt: "ab"));
        Assert.False(Record(store, "c", ttl, jkt: "ab"));
        // A thumbprint-shaped jkt and the same text as a jti.
        Assert.True(Record(store, Jkt, ttl, jkt: ""));
        Assert.False(Record(store, "jti", ttl));
        Assert.Equal(6, store.Count);
    }

    [Fact]
    public void Full_of_live_entries_it_refuses_and_forgets_none_then_has_room_once_they_expire()
    {
        var store = Store(maxEntries: 100);
        var ttl = TimeSpan.FromMilliseconds(1_500);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(Record(store, "j" + i, ttl));
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }
        Assert.Throws<ReplayStoreUnavailableException>(() => Record(store, "new", ttl));
        for (var i = 0; i < 100; i++) Assert.False(Record(store, "j" + i, ttl));
        Assert.Equal(100, store.Count);

        // The first entry expires mid-second: its room is there at once, not at the end of the second.
        _time.Advance(ttl - TimeSpan.FromMilliseconds(995));
        Assert.True(Record(store, "new", ttl));
        Assert.Throws<ReplayStoreUnavailableException>(() => Record(store, "newer", ttl));
        _time.Advance(ttl);
        Assert.True(Record(store, "newer", ttl));
        Assert.InRange(store.Count, 1, 100);
    }

    [Fact]
    public async Task Parallel_records_of_one_pair_have_exactly_one_winner_also_after_it_expired()
    {
        var store = Store();
        var ttl = TimeSpan.FromSeconds(2);
        for (var round = 0; round < 20; round++)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => store.TryRecordAsync(Jkt, "shared", ttl).AsTask())));
            Assert.Equal(1, results.Count(r => r));
            _time.Advance(ttl);
        }
    }

    [Fact]
    public async Task Parallel_records_stay_within_the_bound()
    {
        var store = Store(maxEntries: 1000);
        var ttl = TimeSpan.FromSeconds(121);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 1500).Select(i => Task.Run(async () =>
        {
            try
            {
                return await store.TryRecordAsync(Jkt, "p" + i, ttl);
            }
            catch (ReplayStoreUnavailableException)
            {
                return false;
            }
        })));
        Assert.Equal(1000, outcomes.Count(o => o));
        Assert.Equal(1000, store.Count);
    }
}
