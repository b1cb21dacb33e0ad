using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Passport.Gateway.Configuration;

namespace Passport.Gateway.Tokens;

/// <summary>
/// Verified tokens by SHA-256 of the token. Tokens carry no <c>exp</c>, so the cache is bounded by size
/// (<c>TokenCache:MaxEntries</c>) and idle time (<c>TokenCache:IdleSeconds</c>); a hit skips the token signature check.
/// </summary>
internal sealed class TokenCache : IDisposable
{
    private readonly ConcurrentDictionary<TokenHash, CachedToken> _entries = new();
    private readonly TimeProvider _time;
    private readonly int _maxEntries;
    private readonly long _idleTicks;
    private readonly ITimer _sweeper;
    private int _count;

    public TokenCache(IOptions<PassportGatewayOptions> options, TimeProvider time)
    {
        _time = time;
        _maxEntries = options.Value.TokenCache.MaxEntries;
        _idleTicks = (long)(options.Value.TokenCache.IdleSeconds * (double)time.TimestampFrequency);
        var period = TimeSpan.FromSeconds(Math.Clamp(options.Value.TokenCache.IdleSeconds / 4.0, 1, 60));
        _sweeper = time.CreateTimer(_ => SweepIdle(), null, period, period);
    }

    public int Count => Volatile.Read(ref _count);

    public long Now => _time.GetTimestamp();

    public bool TryGet(TokenHash key, out CachedToken? entry)
    {
        if (_entries.TryGetValue(key, out entry))
        {
            var now = _time.GetTimestamp();
            if (now - entry.LastUsed <= _idleTicks)
            {
                entry.Touch(now);
                return true;
            }
            Remove(key);
        }
        entry = null;
        return false;
    }

    public void Add(TokenHash key, CachedToken entry)
    {
        if (Count >= _maxEntries)
        {
            SweepIdle();
            if (Count >= _maxEntries) EvictSome(Math.Max(1, _maxEntries / 10));
        }
        if (_entries.TryAdd(key, entry)) Interlocked.Increment(ref _count);
    }

    public void Remove(TokenHash key)
    {
        if (_entries.TryRemove(key, out _)) Interlocked.Decrement(ref _count);
    }

    internal void SweepIdle()
    {
        var now = _time.GetTimestamp();
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LastUsed > _idleTicks) Remove(key);
        }
    }

    // Least recently used first; the cost is paid only when the cache is full.
    private void EvictSome(int count)
    {
        foreach (var (key, _) in _entries.OrderBy(e => e.Value.LastUsed).Take(count).ToList())
        {
            Remove(key);
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
