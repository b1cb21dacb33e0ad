using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Passport.Core.Keys;

namespace Passport.AspNetCore.Replay;

/// <summary>
/// In-process replay store for a single instance: (jkt, jti) → expiry, bounded by <c>maxEntries</c>.
/// Entries expire through a ring of one-second buckets, each listing the entries that expire in its second; once a
/// second has passed its bucket is emptied (on the next record, or by a one-second timer), so expiry costs O(1) per
/// entry and never scans live ones. When full of live entries the store refuses (fails closed) rather than forget one.
/// </summary>
public sealed class MemoryReplayStore : IReplayStore, IDisposable
{
    private const int ThumbprintBytes = SHA256.HashSizeInBytes;
    private const char ThumbprintMarker = '\uFFFF';

    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly Bucket[] _buckets;
    private readonly long _mask;
    private readonly TimeProvider _time;
    private readonly int _maxEntries;
    private readonly ITimer _expirer;
    private readonly Lock _expireLock = new();
    private long _expiredThrough;
    private int _count;
    private readonly long _epoch;

    /// <summary>The default bound: one million live proofs.</summary>
    public const int DefaultMaxEntries = 1_000_000;

    /// <summary>
    /// A store holding at most <paramref name="maxEntries"/> live proofs, timed by <paramref name="time"/>; its ring of
    /// one-second buckets is sized for proofs kept at most 2 × <paramref name="issuedAtWindowSeconds"/> + 1 s (the DPoP
    /// <c>iat</c> window, default 60 s). With <paramref name="floor"/> its epoch is its creation (process start): proofs
    /// issued before it + the window are refused (<see cref="ReplayWindow.IsBeforeFloor"/>), since a previous process may have
    /// accepted them.
    /// </summary>
    public MemoryReplayStore(TimeProvider time, int maxEntries = DefaultMaxEntries, int issuedAtWindowSeconds = 60, bool floor = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(issuedAtWindowSeconds, 1);
        _time = time;
        _maxEntries = maxEntries;
        // A proof is kept until its iat leaves the window: at most 2 × window + 1 s. A longer TTL still works (its
        // bucket is passed over until the entry is due), the ring is only sized so that it does not happen.
        _buckets = new Bucket[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(2 * issuedAtWindowSeconds + 3))];
        for (var i = 0; i < _buckets.Length; i++) _buckets[i] = new Bucket();
        _mask = _buckets.Length - 1;
        _expiredThrough = Second(time.GetUtcNow().UtcTicks);
        _epoch = floor ? time.GetUtcNow().ToUnixTimeSeconds() : 0;
        _expirer = time.CreateTimer(_ => ExpireDue(_time.GetUtcNow().UtcTicks, wait: false), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <inheritdoc />
    public string Kind => "memory";

    /// <inheritdoc />
    public bool IsAvailable => true;

    /// <inheritdoc />
    public ValueTask<long> GetEpochAsync() => ValueTask.FromResult(_epoch);

    /// <summary>The number of recorded proofs, expired ones whose bucket is not emptied yet included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public ValueTask<bool> TryRecordAsync(string jkt, string jti, TimeSpan ttl)
    {
        var now = _time.GetUtcNow().UtcTicks;
        if (Second(now) > Volatile.Read(ref _expiredThrough)) ExpireDue(now, wait: false);
        return ValueTask.FromResult(Record(Key(jkt, jti), now, now + ttl.Ticks));
    }

    private bool Record(string key, long now, long expiry)
    {
        while (true)
        {
            if (_seen.TryGetValue(key, out var existing))
            {
                if (existing > now) return false;
                // Expired, its bucket not emptied yet: take it over atomically, so two racing requests cannot both win.
                // The old bucket's item no longer matches the value and is dropped when that bucket is emptied.
                if (_seen.TryUpdate(key, expiry, existing))
                {
                    _buckets[Second(expiry + TimeSpan.TicksPerSecond - 1) & _mask].Add(key, expiry);
                    return true;
                }
                continue;
            }
            if (!Reserve(now)) throw new ReplayStoreUnavailableException("The in-memory replay store is full.");
            if (_seen.TryAdd(key, expiry))
            {
                _buckets[Second(expiry + TimeSpan.TicksPerSecond - 1) & _mask].Add(key, expiry);
                return true;
            }
            // Another request recorded the same pair first: give the slot back and see it as a replay.
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Takes one of the <c>MaxEntries</c> slots; when none is left, first empties whatever has expired.</summary>
    private bool Reserve(long now)
    {
        if (Interlocked.Increment(ref _count) <= _maxEntries) return true;
        Interlocked.Decrement(ref _count);
        ExpireDue(now, wait: true);
        // Entries of the current second that expired before now: its bucket is due only at the end of the second.
        Expire(_buckets[(Second(now) + 1) & _mask], now);
        if (Interlocked.Increment(ref _count) <= _maxEntries) return true;
        Interlocked.Decrement(ref _count);
        return false;
    }

    /// <summary>Empties the buckets of the seconds passed since the last call: the cost is what expires, at most one pass over the ring.</summary>
    private void ExpireDue(long now, bool wait)
    {
        if (wait) _expireLock.Enter();
        else if (!_expireLock.TryEnter()) return;
        try
        {
            var due = Second(now);
            var from = Math.Max(_expiredThrough + 1, due - _buckets.Length + 1);
            for (var second = from; second <= due; second++) Expire(_buckets[second & _mask], now);
            if (due > _expiredThrough) Volatile.Write(ref _expiredThrough, due);
        }
        finally
        {
            _expireLock.Exit();
        }
    }

    private void Expire(Bucket bucket, long now) => Interlocked.Add(ref _count, -bucket.Expire(now, _seen));

    private static long Second(long ticks) => ticks / TimeSpan.TicksPerSecond;

    /// <summary>
    /// One string for the pair, so that an entry is one object besides its node: equality is on the full (jkt, jti).
    /// A jkt that is a JWK thumbprint (43 base64url characters, which the proof validator always hands over) is kept as
    /// its 32 bytes in 16 characters after the marker <c>U+FFFF</c>; any other jkt as its length, then itself. The jti
    /// follows. The marker and the length prefix keep the pair unambiguous whatever the jti holds.
    /// </summary>
    private static string Key(string jkt, string jti)
    {
        if (jkt.Length == JwkThumbprint.Length && Base64Url.IsValid(jkt, out var length) && length == ThumbprintBytes)
        {
            return string.Create(1 + ThumbprintBytes / 2 + jti.Length, (jkt, jti), static (span, pair) =>
            {
                span[0] = ThumbprintMarker;
                Base64Url.DecodeFromChars(pair.jkt, MemoryMarshal.AsBytes(span.Slice(1, ThumbprintBytes / 2)));
                pair.jti.CopyTo(span[(1 + ThumbprintBytes / 2)..]);
            });
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jkt.Length, (int)ThumbprintMarker, nameof(jkt));
        return string.Create(1 + jkt.Length + jti.Length, (jkt, jti), static (span, pair) =>
        {
            span[0] = (char)pair.jkt.Length;
            pair.jkt.CopyTo(span[1..]);
            pair.jti.CopyTo(span[(1 + pair.jkt.Length)..]);
        });
    }

    /// <inheritdoc />
    public void Dispose() => _expirer.Dispose();

    /// <summary>The entries that expire in one second (and, should a TTL exceed the ring, in later laps of it).</summary>
    private sealed class Bucket
    {
        private readonly Lock _lock = new();
        private readonly List<(string Key, long Expiry)> _items = [];

        public void Add(string key, long expiry)
        {
            lock (_lock) _items.Add((key, expiry));
        }

        /// <summary>Removes from <paramref name="seen"/> the items expired by <paramref name="now"/>; returns how many it removed.</summary>
        public int Expire(long now, ConcurrentDictionary<string, long> seen)
        {
            lock (_lock)
            {
                var kept = 0;
                var removed = 0;
                for (var i = 0; i < _items.Count; i++)
                {
                    var item = _items[i];
                    if (item.Expiry > now) _items[kept++] = item;
                    // Only while it still holds this expiry: a key taken over since belongs to a later bucket.
                    else if (seen.TryRemove(new KeyValuePair<string, long>(item.Key, item.Expiry))) removed++;
                }
                // The list keeps its capacity: the next lap of this second needs about as much.
                _items.RemoveRange(kept, _items.Count - kept);
                return removed;
            }
        }
    }
}
