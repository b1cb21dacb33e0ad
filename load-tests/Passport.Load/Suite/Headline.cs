using Passport.Load.Reports;

namespace Passport.Load.Suite;

/// <summary>
/// Builds the headline rows: per target, the median over rounds of its max throughput and fixed-rate p99, and the
/// median of the per-round ratios to bare YARP (each ratio taken within one round, so both sides saw the same
/// background load).
/// </summary>
public static class Headline
{
    /// <summary>One row per target that ran, in issue order.</summary>
    public static IReadOnlyList<HeadlineRow> Build(IReadOnlyList<ScenarioResult> runs)
    {
        static bool Closed(ScenarioResult r) => r.Model.StartsWith("closed", StringComparison.Ordinal);
        var bareClosed = runs.Where(r => r.Scenario == TargetNames.BareYarp && Closed(r)).ToDictionary(r => r.Round);
        // The headline's fixed-rate columns use the first load only (half of max by default); Tail has every load.
        var primary = runs.Where(r => !Closed(r)).Select(r => r.LoadFraction).FirstOrDefault();
        bool Open(ScenarioResult r) => !Closed(r) && r.LoadFraction == primary;
        var bareOpen = runs.Where(r => r.Scenario == TargetNames.BareYarp && Open(r)).ToDictionary(r => r.Round);
        var rows = new List<HeadlineRow>();
        foreach (var name in TargetNames.All)
        {
            var closed = runs.Where(r => r.Scenario == name && Closed(r)).ToList();
            var open = runs.Where(r => r.Scenario == name && Open(r)).ToList();
            if (closed.Count == 0 && open.Count == 0)
            {
                continue;
            }

            var ratios = closed.Where(r => bareClosed.TryGetValue(r.Round, out var b) && b.ThroughputPerSecond > 0)
                .Select(r => Math.Round(r.ThroughputPerSecond / bareClosed[r.Round].ThroughputPerSecond, 3)).ToList();
            var p99Ratios = open.Where(r => bareOpen.TryGetValue(r.Round, out var b) && b.LatencyMs.P99 > 0)
                .Select(r => r.LatencyMs.P99 / bareOpen[r.Round].LatencyMs.P99).ToList();
            var p99Deltas = open.Where(r => bareOpen.ContainsKey(r.Round))
                .Select(r => r.LatencyMs.P99 - bareOpen[r.Round].LatencyMs.P99).ToList();
            var p999Deltas = open.Where(r => bareOpen.ContainsKey(r.Round))
                .Select(r => r.LatencyMs.P999 - bareOpen[r.Round].LatencyMs.P999).ToList();
            var cpuRuns = closed.Count > 0 ? closed : open;
            var cpu = cpuRuns.SelectMany(r => r.Processes).GroupBy(p => p.Name)
                .ToDictionary(g => g.Key, g => Math.Round(SuiteRunner.Median(g.Select(p => p.CpuMicrosPerRequest)), 1));
            rows.Add(new HeadlineRow(
                name,
                closed.Count > 0 ? Math.Round(SuiteRunner.Median(closed.Select(r => r.ThroughputPerSecond)), 1) : null,
                ratios.Count > 0 ? Math.Round(SuiteRunner.Median(ratios), 3) : null,
                open.Count > 0 ? Math.Round(SuiteRunner.Median(open.Select(r => r.LatencyMs.P99)), 3) : null,
                p99Ratios.Count > 0 ? Math.Round(SuiteRunner.Median(p99Ratios), 2) : null,
                p99Deltas.Count > 0 ? Math.Round(SuiteRunner.Median(p99Deltas), 3) : null,
                cpu,
                closed.Sum(r => r.Failed) + open.Sum(r => r.Failed))
            {
                RoundRatios = ratios,
                RoundP99DeltasMs = p99Deltas.Select(d => Math.Round(d, 2)).ToList(),
                P999DeltaMs = p999Deltas.Count > 0 ? Math.Round(SuiteRunner.Median(p999Deltas), 3) : null,
            });
        }

        return rows;
    }

    /// <summary>
    /// One row per target and fixed-rate load: medians over rounds of p99 and p99.9, and of their differences to bare
    /// YARP's at the same load in the same round.
    /// </summary>
    public static IReadOnlyList<TailRow> Tail(IReadOnlyList<ScenarioResult> runs)
    {
        var open = runs.Where(r => r.LoadFraction is not null && !r.Model.StartsWith("closed", StringComparison.Ordinal)).ToList();
        var rows = new List<TailRow>();
        foreach (var load in open.GroupBy(r => r.LoadFraction!.Value).OrderBy(g => g.Key))
        {
            var bare = load.Where(r => r.Scenario == TargetNames.BareYarp).ToDictionary(r => r.Round);
            foreach (var name in TargetNames.All)
            {
                var mine = load.Where(r => r.Scenario == name).ToList();
                if (mine.Count == 0)
                {
                    continue;
                }

                var paired = mine.Where(r => bare.ContainsKey(r.Round)).ToList();
                double? Delta(Func<ScenarioResult, double> pick) =>
                    paired.Count > 0 ? Math.Round(SuiteRunner.Median(paired.Select(r => pick(r) - pick(bare[r.Round]))), 3) : null;
                var cpu = mine.SelectMany(r => r.Processes).Where(p => p.Name == "proxy").Select(p => p.CpuMicrosPerRequest).ToList();
                rows.Add(new TailRow(
                    name,
                    load.Key,
                    Math.Round(SuiteRunner.Median(mine.Select(r => r.ThroughputPerSecond))),
                    Math.Round(SuiteRunner.Median(mine.Select(r => r.LatencyMs.P99)), 3),
                    Math.Round(SuiteRunner.Median(mine.Select(r => r.LatencyMs.P999)), 3),
                    Delta(r => r.LatencyMs.P99),
                    Delta(r => r.LatencyMs.P999),
                    cpu.Count > 0 ? Math.Round(SuiteRunner.Median(cpu), 1) : null));
            }
        }

        return rows;
    }
}
