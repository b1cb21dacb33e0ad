using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Passport.Gateway.Configuration;

namespace Passport.Benchmarks.Baselines;

/// <summary>
/// The memory replay store before per-second expiry buckets (kept here as the baseline of ReplayStoreBenchmarks).
/// In-process replay store for a single instance: (jkt, jti) → expiry, bounded by <c>Replay:MaxEntries</c>. Expired
/// entries are swept periodically and when full; when still full the store refuses (fails closed) rather than forget live entries.
/// </summary>
internal sealed class SweepingReplayStore : IDisposable
{
    private readonly ConcurrentDictionary<(string Jkt, string Jti), long> _seen = new();
    private readonly TimeProvider _time;
    private readonly int _maxEntries;
    private readonly ITimer _sweeper;
    private readonly Lock _sweepLock = new();
    private int _count;

    public SweepingReplayStore(IOptions<PassportGatewayOptions> options, TimeProvider time)
    {
        _time = time;
        _maxEntries = options.Value.Replay.MaxEntries;
        _sweeper = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    public int Count => Volatile.Read(ref _count);

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
            if (Count >= _maxEntries) throw new InvalidOperationException("The in-memory replay store is full.");
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

    public void Dispose() => _sweeper.Dispose();
}
