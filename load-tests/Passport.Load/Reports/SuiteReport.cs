namespace Passport.Load.Reports;

/// <summary>The report of one invocation: every scenario run plus the headline comparison.</summary>
public sealed record SuiteReport
{
    /// <summary>When the run finished (UTC, ISO 8601).</summary>
    public required string GeneratedAt { get; init; }

    /// <summary>The command that produced it.</summary>
    public required string Command { get; init; }

    /// <summary>Logical processors of the machine (client, proxies, upstream and Redis share them).</summary>
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;

    /// <summary>The arrival rate of the fixed-rate (open model) runs; 0 when none ran.</summary>
    public double FixedRatePerSecond { get; init; }

    /// <summary>One row per target: ratios to bare YARP.</summary>
    public IReadOnlyList<HeadlineRow> Headline { get; init; } = [];

    /// <summary>The tail at every fixed-rate load (<c>--loads</c>): p99 and p99.9 against bare YARP at the same load.</summary>
    public IReadOnlyList<TailRow> Tail { get; init; } = [];

    /// <summary>Every scenario run, in order.</summary>
    public IReadOnlyList<ScenarioResult> Runs { get; init; } = [];

    /// <summary>Anything the reader must know about the run as a whole.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>One target in the headline table.</summary>
/// <param name="Target">Target name, e.g. <c>gateway-redis</c>.</param>
/// <param name="MaxThroughput">Closed-model throughput, requests/s (median over rounds); null when only the fixed-rate run ran.</param>
/// <param name="MaxThroughputRatio">Median over rounds of throughput ÷ bare YARP's in the same round (null without bare YARP).</param>
/// <param name="P99AtFixedRateMs">p99 at the fixed arrival rate (open model), ms, median over rounds; null when not run.</param>
/// <param name="P99Ratio">Median over rounds of p99 ÷ bare YARP's p99 at the same rate in the same round.</param>
/// <param name="P99DeltaMs">Median over rounds of p99 − bare YARP's p99 in the same round, ms.</param>
/// <param name="CpuMicrosPerRequest">CPU µs per request by process role, median of the closed-model runs.</param>
/// <param name="Failed">Unexpected outcomes across both runs.</param>
public sealed record HeadlineRow(
    string Target,
    double? MaxThroughput,
    double? MaxThroughputRatio,
    double? P99AtFixedRateMs,
    double? P99Ratio,
    double? P99DeltaMs,
    IReadOnlyDictionary<string, double> CpuMicrosPerRequest,
    long Failed)
{
    /// <summary>The per-round throughput ratios to bare YARP behind the median.</summary>
    public IReadOnlyList<double> RoundRatios { get; init; } = [];

    /// <summary>The per-round p99 differences to bare YARP (ms) behind the median.</summary>
    public IReadOnlyList<double> RoundP99DeltasMs { get; init; } = [];

    /// <summary>Median over rounds of p99.9 − bare YARP's p99.9 at the fixed rate in the same round, ms.</summary>
    public double? P999DeltaMs { get; init; }
}

/// <summary>One target at one fixed-rate load.</summary>
/// <param name="Target">Target name.</param>
/// <param name="LoadFraction">Arrival rate as a fraction of the reference gateway's maximum (0.5 = half).</param>
/// <param name="RatePerSecond">The arrival rate, requests/s.</param>
/// <param name="P99Ms">p99, ms, median over rounds.</param>
/// <param name="P999Ms">p99.9, ms, median over rounds.</param>
/// <param name="P99DeltaMs">Median over rounds of p99 − bare YARP's p99 at the same load in the same round, ms (null without bare YARP).</param>
/// <param name="P999DeltaMs">The same for p99.9, ms.</param>
/// <param name="ProxyCpuMicrosPerRequest">The proxy process's CPU µs per request at this load (median over rounds; null when no proxy).</param>
public sealed record TailRow(
    string Target,
    double LoadFraction,
    double RatePerSecond,
    double P99Ms,
    double P999Ms,
    double? P99DeltaMs,
    double? P999DeltaMs,
    double? ProxyCpuMicrosPerRequest);
