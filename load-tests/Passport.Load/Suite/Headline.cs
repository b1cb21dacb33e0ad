using Passport.Load.Reports;

namespace Passport.Load.Suite;

/// <summary>Builds the headline rows: each target's max throughput and fixed-rate p99 as ratios to bare YARP.</summary>
public static class Headline
{
    /// <summary>One row per target that ran, in issue order.</summary>
    public static IReadOnlyList<HeadlineRow> Build(IReadOnlyList<ScenarioResult> runs)
    {
        var closed = runs.Where(r => r.Model.StartsWith("closed", StringComparison.Ordinal)).ToDictionary(r => r.Scenario);
        var open = runs.Where(r => r.Model.StartsWith("open", StringComparison.Ordinal)).ToDictionary(r => r.Scenario);
        closed.TryGetValue(TargetNames.BareYarp, out var bareClosed);
        open.TryGetValue(TargetNames.BareYarp, out var bareOpen);
        var rows = new List<HeadlineRow>();
        foreach (var name in TargetNames.All)
        {
            closed.TryGetValue(name, out var max);
            open.TryGetValue(name, out var fixedRate);
            if (max is null && fixedRate is null)
            {
                continue;
            }

            double? throughput = max?.ThroughputPerSecond;
            double? ratio = max is not null && bareClosed is { ThroughputPerSecond: > 0 } ? Math.Round(throughput!.Value / bareClosed.ThroughputPerSecond, 3) : null;
            double? p99 = fixedRate?.LatencyMs.P99;
            double? p99Ratio = p99 is not null && bareOpen is { LatencyMs.P99: > 0 } ? Math.Round(p99.Value / bareOpen.LatencyMs.P99, 2) : null;
            double? p99Delta = p99 is not null && bareOpen is not null ? Math.Round(p99.Value - bareOpen.LatencyMs.P99, 3) : null;
            var cpu = (max ?? fixedRate)!.Processes.ToDictionary(p => p.Name, p => p.CpuMicrosPerRequest);
            rows.Add(new HeadlineRow(name, throughput, ratio, p99, p99Ratio, p99Delta, cpu, (max?.Failed ?? 0) + (fixedRate?.Failed ?? 0)));
        }

        return rows;
    }
}
