using Passport.Load.Metrics;

namespace Passport.Load.Reports;

/// <summary>Everything measured for one scenario run (the measured phase only; warm-up excluded).</summary>
public sealed record ScenarioResult
{
    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Scenario description.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Round number (1-based) when targets are measured in alternating rounds.</summary>
    public int Round { get; init; } = 1;

    /// <summary>Fixed-rate runs: the arrival rate as a fraction of the reference gateway's maximum (null otherwise).</summary>
    public double? LoadFraction { get; init; }

    /// <summary>Load model, e.g. <c>closed 32 users</c>.</summary>
    public required string Model { get; init; }

    /// <summary>Warm-up length, seconds.</summary>
    public double WarmUpSeconds { get; init; }

    /// <summary>Measured wall time, seconds (first send to last completion).</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Steps completed in the measured phase.</summary>
    public long Requests { get; init; }

    /// <summary>Steps with the expected outcome.</summary>
    public long Ok { get; init; }

    /// <summary>Steps with an unexpected outcome.</summary>
    public long Failed { get; init; }

    /// <summary>Completed steps per second.</summary>
    public double ThroughputPerSecond { get; init; }

    /// <summary>Latency percentiles (ms); in the open model measured from the intended send time.</summary>
    public required LatencySummary LatencyMs { get; init; }

    /// <summary>All outcomes by HTTP status code (0 = no response).</summary>
    public IReadOnlyDictionary<string, long> StatusCodes { get; init; } = new Dictionary<string, long>();

    /// <summary>Unexpected outcomes by HTTP status code.</summary>
    public IReadOnlyDictionary<string, long> FailuresByStatus { get; init; } = new Dictionary<string, long>();

    /// <summary>Scenario-specific counters (e.g. <c>invalid_refused</c>).</summary>
    public IReadOnlyDictionary<string, long> Counters { get; init; } = new Dictionary<string, long>();

    /// <summary>CPU and memory of each process taking part.</summary>
    public IReadOnlyList<ProcessUsage> Processes { get; init; } = [];

    /// <summary>Latency over time, one point per second.</summary>
    public IReadOnlyList<TimelinePoint> Timeline { get; init; } = [];

    /// <summary>The percentile curve.</summary>
    public IReadOnlyList<PercentilePoint> Percentiles { get; init; } = [];

    /// <summary>Anything a reader must know (early stop, abandoned requests, ...).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Extra scenario-specific results (e.g. revocation enforcement time).</summary>
    public IReadOnlyDictionary<string, double> Extra { get; init; } = new Dictionary<string, double>();
}
