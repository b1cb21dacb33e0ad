using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Passport.Gateway.Configuration;

namespace Passport.Gateway.Tokens;

/// <summary>
/// Verified tokens by SHA-256 of the token, bounded by size (<c>TokenCache:MaxEntries</c>) and idle time
/// (<c>TokenCache:IdleSeconds</c>); a hit skips the token signature check. An idle entry is never served, nor one whose
/// token has expired (<see cref="CachedToken.ExpiredFrom"/>): a token with <c>exp</c> is not accepted past it because it
/// happens to be cached. When full, an entry is evicted by CLOCK (second chance, an approximation of least
/// recently used): the hand passes over entries used since its last pass and evicts the first idle or unused one, so an
/// eviction costs O(1) amortised, without sorting. A timer reclaims idle entries a slice of the ring at a time.
/// </summary>
internal sealed class TokenCache : IDisposable
{
    // Entries whose slots the idle sweep looks at per lock, so that a miss never waits behind a long sweep.
    private const int SweepBatch = 1024;

    private readonly ConcurrentDictionary<TokenHash, CachedToken> _entries = new();
    // The clock ring: slot → entry (null when free); grows up to MaxEntries. Changed only under _lock.
    private readonly List<CachedToken?> _ring = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly int _maxEntries;
    private readonly long _idleTicks;
    private readonly double _sweepShare;
    private readonly ITimer _sweeper;
    private int _hand;
    private int _sweepCursor;
    private int _count;

    public TokenCache(IOptions<PassportGatewayOptions> options, TimeProvider time)
    {
        _time = time;
        _maxEntries = options.Value.TokenCache.MaxEntries;
        _idleTicks = (long)(options.Value.TokenCache.IdleSeconds * (double)time.TimestampFrequency);
        var period = TimeSpan.FromSeconds(Math.Clamp(options.Value.TokenCache.IdleSeconds / 4.0, 1, 60));
        // Each tick looks at this share of the ring: all of it once per IdleSeconds, so an idle entry is reclaimed
        // at most about 2 × IdleSeconds after its last use (and is never served after IdleSeconds).
        _sweepShare = Math.Min(1, period.TotalSeconds / options.Value.TokenCache.IdleSeconds);
        _sweeper = time.CreateTimer(_ => SweepIdle(), null, period, period);
    }

    public int Count => Volatile.Read(ref _count);

    public long Now => _time.GetTimestamp();

    public bool TryGet(TokenHash key, out CachedToken? entry)
    {
        if (_entries.TryGetValue(key, out entry))
        {
            var now = _time.GetTimestamp();
            if (!IsIdle(entry, now) && !IsExpired(entry))
            {
                entry.Touch(now);
                return true;
            }
            lock (_lock) Remove(entry);
        }
        entry = null;
        return false;
    }

    public void Add(TokenHash key, CachedToken entry)
    {
        lock (_lock)
        {
            // Two misses on the same token verified it in parallel: the first one's entry stays.
            if (_entries.ContainsKey(key)) return;
            if (_count >= _maxEntries) EvictOne(_time.GetTimestamp());
            int slot;
            if (_freeSlots.Count > 0)
            {
                slot = _freeSlots.Pop();
            }
            else
            {
                slot = _ring.Count;
                _ring.Add(null);
            }
            entry.Key = key;
            entry.Slot = slot;
            _ring[slot] = entry;
            _entries[key] = entry;
            Volatile.Write(ref _count, _count + 1);
        }
    }

    /// <summary>Reclaims the idle entries of the next slice of the ring (all of it once per <c>IdleSeconds</c>).</summary>
    internal void SweepIdle()
    {
        int remaining;
        lock (_lock) remaining = (int)Math.Ceiling(_ring.Count * _sweepShare);
        while (remaining > 0)
        {
            lock (_lock)
            {
                var now = _time.GetTimestamp();
                for (var i = Math.Min(remaining, SweepBatch); i > 0 && _ring.Count > 0; i--, remaining--)
                {
                    if (_sweepCursor >= _ring.Count) _sweepCursor = 0;
                    if (_ring[_sweepCursor] is { } entry && IsIdle(entry, now)) Remove(entry);
                    _sweepCursor++;
                }
                if (_ring.Count == 0) return;
            }
        }
    }

    /// <summary>
    /// CLOCK: evicts the first idle entry, or the first not used since the hand last passed it. After one lap every
    /// entry has been passed, so the second lap finds one unless hits keep racing the hand; then the next entry goes.
    /// </summary>
    private void EvictOne(long now)
    {
        for (var looked = 0; looked < 2 * _ring.Count; looked++)
        {
            var entry = NextUnderHand();
            if (entry is null) continue;
            if (IsIdle(entry, now) || entry.LastUsed <= entry.PassedByHand)
            {
                Remove(entry);
                return;
            }
            entry.PassedByHand = now;
        }
        for (var looked = 0; looked < _ring.Count; looked++)
        {
            if (NextUnderHand() is { } entry)
            {
                Remove(entry);
                return;
            }
        }
    }

    private CachedToken? NextUnderHand()
    {
        if (_hand >= _ring.Count) _hand = 0;
        return _ring[_hand++];
    }

    private bool IsIdle(CachedToken entry, long now) => now - entry.LastUsed > _idleTicks;

    // Wall-clock time only for tokens that carry exp: a token without one costs nothing more on a hit.
    private bool IsExpired(CachedToken entry) =>
        entry.ExpiredFrom != long.MaxValue && _time.GetUtcNow().ToUnixTimeSeconds() >= entry.ExpiredFrom;

    // Under _lock. Only this very entry: a newer one for the same token may have replaced it.
    private void Remove(CachedToken entry)
    {
        if (!_entries.TryRemove(new KeyValuePair<TokenHash, CachedToken>(entry.Key, entry))) return;
        _ring[entry.Slot] = null;
        _freeSlots.Push(entry.Slot);
        Volatile.Write(ref _count, _count - 1);
    }

    public void Dispose() => _sweeper.Dispose();
}
