using System.Globalization;

namespace Passport.Load.Soak;

/// <summary>The soak's verdicts against issue 18 §4 (flat: end ≤ start + 10 %; p99 of the last phase ≤ first + 1 ms).</summary>
public static class SoakVerdicts
{
    /// <summary>One line per verdict, each with the measured values and met / missed.</summary>
    public static IEnumerable<string> Notes(SoakReport report)
    {
        var phases = report.Phases;
        if (phases.Count == 0)
        {
            yield break;
        }

        var c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"soak {report.Target} at {report.RatePerSecond:0}/s: {phases.Count} phase(s) of {report.PhaseSeconds:0} s, {phases.Sum(p => p.Requests)} requests, {phases.Sum(p => p.Failed)} failed");
        var probes = phases.Where(p => p.Revocation is not null).Select(p => p.Revocation!).ToList();
        if (probes.Count > 0)
        {
            yield return string.Create(c, $"revocations enforced within 1 s: {probes.Count(o => o.Enforced)}/{probes.Count} (slowest {probes.Max(o => o.EnforcedAfterMs):0} ms) — {(probes.All(o => o.Enforced) ? "met" : "missed")}");
        }

        var first = phases[0];
        var last = phases[^1];
        yield return Flat("working set (MB)", first.WorkingSetMb, last.WorkingSetMb);
        yield return Flat("GC heap (MB)", first.GcHeapMb, last.GcHeapMb);
        yield return Flat("threads", first.Threads, last.Threads);
        yield return Flat("handles", first.Handles, last.Handles);
        yield return Flat("Redis used_memory (MB)", first.RedisMemoryMb, last.RedisMemoryMb);
        yield return Flat("CPU µs/request", first.CpuMicrosPerRequest, last.CpuMicrosPerRequest);
        yield return string.Create(c, $"gen2 collections: {phases.Sum(p => p.Gen2Collections ?? 0)} in all ({string.Join(' ', phases.Select(p => p.Gen2Collections?.ToString(c) ?? "—"))} per phase)");
        yield return string.Create(c, $"p99 per phase: {string.Join(' ', phases.Select(p => p.P99Ms.ToString("0.0", c)))} ms; last ≤ first + 1 ms: {last.P99Ms:0.0} vs {first.P99Ms:0.0} — {(last.P99Ms <= first.P99Ms + 1 ? "met" : "missed")}");
        if (report.SaturationCpuMicrosPerRequest is { } saturation)
        {
            var fixedRate = Median(phases.Where(p => p.CpuMicrosPerRequest is not null).Select(p => p.CpuMicrosPerRequest!.Value));
            yield return string.Create(c, $"gateway CPU per request: {fixedRate:0} µs at the fixed rate (median of phases) vs {saturation:0} µs at saturation ({report.SaturationThroughputPerSecond:0} req/s): ×{(saturation > 0 ? fixedRate / saturation : 0):0.00}");
        }
    }

    private static string Flat(string what, double? start, double? end) =>
        start is { } s && end is { } e
            ? string.Create(CultureInfo.InvariantCulture, $"{what}: {s:0.#} → {e:0.#} (end ≤ start + 10 %: {(e <= s * 1.1 ? "met" : "missed")})")
            : $"{what}: not measured";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
