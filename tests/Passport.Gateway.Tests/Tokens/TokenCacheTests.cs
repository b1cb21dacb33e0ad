using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Passport.Core.Tokens;
using Passport.Gateway.Authentication;
using Passport.Gateway.Configuration;
using Passport.Gateway.Tokens;

namespace Passport.Gateway.Tests.Tokens;

/// <summary>The verified-token cache on a fake clock: bounded by size (CLOCK eviction) and idle time.</summary>
public sealed class TokenCacheTests : IDisposable
{
    private static readonly PassportPrincipal Principal = new(new PassportTokenClaims
    {
        Issuer = "https://idp.example",
        Audience = "https://gw.example",
        Subject = "did:key:z6Mk",
        JwtId = "t",
        IssuedAt = 1_716_400_000,
        Jkt = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I",
    });

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_716_400_000));
    private readonly List<TokenCache> _caches = [];

    private TokenCache Cache(int maxEntries, int idleSeconds = 600)
    {
        var cache = new TokenCache(Options.Create(new PassportGatewayOptions { TokenCache = { MaxEntries = maxEntries, IdleSeconds = idleSeconds } }), _time);
        _caches.Add(cache);
        return cache;
    }

    public void Dispose()
    {
        foreach (var cache in _caches) cache.Dispose();
    }

    private static TokenHash Key(int i) => TokenHash.Of("token-" + i);

    private static void Add(TokenCache cache, int i) => cache.Add(Key(i), new CachedToken(Principal, "kid", "token-" + i, cache.Now));

    private static bool Hit(TokenCache cache, int i) => cache.TryGet(Key(i), out _);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(100, 150)]
    [InlineData(100, 1_000)]
    public void Size_never_exceeds_the_bound(int maxEntries, int added)
    {
        var cache = Cache(maxEntries);
        for (var i = 0; i < added; i++)
        {
            Add(cache, i);
            Assert.InRange(cache.Count, 1, maxEntries);
            Assert.True(Hit(cache, i));
        }
    }

    [Fact]
    public void Entries_used_since_the_hand_passed_survive_eviction_and_unused_ones_go()
    {
        var cache = Cache(100);
        for (var i = 0; i < 100; i++) Add(cache, i);
        _time.Advance(TimeSpan.FromSeconds(1));
        Add(cache, 100); // The hand's first lap: every entry passed once, one evicted.
        _time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 50; i <= 100; i++) Assert.True(Hit(cache, i));
        for (var i = 101; i < 140; i++) Add(cache, i);
        for (var i = 50; i <= 100; i++) Assert.True(Hit(cache, i), $"recently used entry {i} was evicted");
        Assert.Equal(100, cache.Count);
    }

    [Fact]
    public void Idle_entry_is_never_served_and_its_memory_is_reclaimed()
    {
        var cache = Cache(100, idleSeconds: 8);
        Add(cache, 1);
        Add(cache, 2);
        for (var step = 0; step < 5; step++)
        {
            _time.Advance(TimeSpan.FromSeconds(7));
            Assert.True(Hit(cache, 1)); // idle time counts from the last use
        }
        _time.Advance(TimeSpan.FromSeconds(8) + TimeSpan.FromTicks(1));
        Assert.False(Hit(cache, 1));
        Assert.False(Hit(cache, 2));
        Add(cache, 3);
        _time.Advance(TimeSpan.FromSeconds(17));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Idle_entries_go_first_when_full()
    {
        var cache = Cache(10, idleSeconds: 8);
        for (var i = 0; i < 10; i++) Add(cache, i);
        _time.Advance(TimeSpan.FromSeconds(5));
        for (var i = 5; i < 10; i++) Assert.True(Hit(cache, i));
        _time.Advance(TimeSpan.FromSeconds(5));
        for (var i = 10; i < 15; i++) Add(cache, i);
        for (var i = 5; i < 15; i++) Assert.True(Hit(cache, i));
    }

    [Fact]
    public void Adding_a_cached_token_again_keeps_the_first_entry()
    {
        var cache = Cache(10);
        var first = new CachedToken(Principal, "kid", "token-1", cache.Now);
        cache.Add(Key(1), first);
        cache.Add(Key(1), new CachedToken(Principal, "kid", "token-1", cache.Now));
        Assert.True(cache.TryGet(Key(1), out var entry));
        Assert.Same(first, entry);
        Assert.Equal(1, cache.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(3_600)]
    public void An_entry_is_served_until_its_token_expires_and_never_after_however_often_it_is_used(int lifetimeSeconds)
    {
        var cache = Cache(10, idleSeconds: 2);
        var expiredFrom = _time.GetUtcNow().ToUnixTimeSeconds() + lifetimeSeconds;
        cache.Add(Key(1), new CachedToken(Principal, "kid", "token-1", cache.Now, expiredFrom));
        // Used every second: never idle, so only the expiry can end it.
        for (var second = 0; second < lifetimeSeconds; second++)
        {
            Assert.True(Hit(cache, 1), $"refused {second} s before it expires");
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.False(Hit(cache, 1));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Parallel_hits_and_adds_stay_within_the_bound()
    {
        var cache = Cache(64, idleSeconds: 8);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var n = (worker * 7919 + i) % 300;
                if (!Hit(cache, n)) Add(cache, n);
                if (i % 500 == 0) _time.Advance(TimeSpan.FromSeconds(3));
            }
        })));
        Assert.InRange(cache.Count, 1, 64);
    }
}
