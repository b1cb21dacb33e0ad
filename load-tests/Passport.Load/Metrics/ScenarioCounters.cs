using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Passport.Load.Metrics;

/// <summary>Named, thread-safe counters that a scenario increments (e.g. <c>invalid_refused</c>).</summary>
public sealed class ScenarioCounters
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counters = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="by"/> to the counter <paramref name="name"/>.</summary>
    public void Increment(string name, long by = 1) =>
        Interlocked.Add(ref _counters.GetOrAdd(name, static _ => new StrongBox<long>()).Value, by);

    /// <summary>The current value of <paramref name="name"/> (0 when never incremented).</summary>
    public long Get(string name) => _counters.TryGetValue(name, out var box) ? Interlocked.Read(ref box.Value) : 0;

    /// <summary>All counters, sorted by name.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(_counters.ToDictionary(p => p.Key, p => Interlocked.Read(ref p.Value.Value)), StringComparer.Ordinal);

    /// <summary>Sets every counter back to zero (at the end of warm-up).</summary>
    public void Reset() => _counters.Clear();
}
