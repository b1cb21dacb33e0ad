using System.Collections.Concurrent;

namespace Passport.AspNetCore.Replay;

/// <summary>
/// In-process replay store for a single instance: (jkt, jti) → expiry, bounded by <c>maxEntries</c>. Expired
/// entries are swept periodically and when full; when still full the store refuses (fails closed) rather than forget live entries.
/// </summary>
public sealed class MemoryReplayStore : IReplayStore, IDisposable
{
    private readonly ConcurrentDictionary<(string Jkt, string Jti), long> _seen = new();
    private readonly TimeProvider _time;
    private readonly int _maxEntries;
    private readonly ITimer _sweeper;
    private readonly Lock _sweepLock = new();
    private int _count;

    /// <summary>The default bound: one million live proofs.</summary>
    public const int DefaultMaxEntries = 1_000_000;

    /// <summary>A store holding at most <paramref name="maxEntries"/> live proofs, timed by <paramref name="time"/>.</summary>
    public MemoryReplayStore(TimeProvider time, int maxEntries = DefaultMaxEntries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _time = time;
        _maxEntries = maxEntries;
        _sweeper = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    /// <inheritdoc />
    public string Kind => "memory";

    /// <inheritdoc />
    public bool IsAvailable => true;

    /// <summary>The number of recorded proofs, expired ones not yet swept included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public ValueTask<bool> TryRecordAsync(string jkt, string jti, TimeSpan ttl)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var key = (jkt, jti);
        if (_seen.TryGetValue(key, out var expiry))
        {
            if (expiry > now) return ValueTask.FromResult(false);
            // Expired: replace atomically so that two racing requests cannot both win.
            return ValueTask.FromResult(_seen.TryUpdate(key, now + ttl.Ticks, expiry));
        }
        if (Count >= _maxEntries)
        {
            Sweep();
            if (Count >= _maxEntries) throw new ReplayStoreUnavailableException("The in-memory replay store is full.");
        }
        if (!_seen.TryAdd(key, now + ttl.Ticks)) return ValueTask.FromResult(false);
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(true);
    }

    private void Sweep()
    {
        if (!_sweepLock.TryEnter()) return;
        try
        {
            var now = _time.GetUtcNow().UtcTicks;
            foreach (var (key, expiry) in _seen)
            {
                if (expiry <= now && _seen.TryRemove(new KeyValuePair<(string, string), long>(key, expiry))) Interlocked.Decrement(ref _count);
            }
        }
        finally
        {
            _sweepLock.Exit();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _sweeper.Dispose();
}
