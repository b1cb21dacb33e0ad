using Passport.Load.Reports;

namespace Passport.Load.Soak;

/// <summary>soak.json: one row per phase (one minute by default) and the run's verdicts.</summary>
public sealed record SoakReport
{
    /// <summary>When the soak finished (UTC).</summary>
    public required string GeneratedAt { get; init; }

    /// <summary>The command that produced it.</summary>
    public required string Command { get; init; }

    /// <summary>Logical processors (client, gateway, upstream and Redis share them).</summary>
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;

    /// <summary>The target, e.g. <c>gateway-redis</c>.</summary>
    public required string Target { get; init; }

    /// <summary>Fixed arrival rate, requests/s.</summary>
    public double RatePerSecond { get; init; }

    /// <summary>Length of each measured phase, seconds.</summary>
    public double PhaseSeconds { get; init; }

    /// <summary>One row per phase, in order.</summary>
    public IReadOnlyList<SoakPhase> Phases { get; init; } = [];

    /// <summary>The gateway's CPU µs per request at saturation (closed model, after the phases; null when not measured).</summary>
    public double? SaturationCpuMicrosPerRequest { get; init; }

    /// <summary>Throughput of that saturation run, requests/s.</summary>
    public double? SaturationThroughputPerSecond { get; init; }

    /// <summary>Verdicts and anything the reader must know.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The full result of every phase (latency timeline, percentiles, processes).</summary>
    public IReadOnlyList<ScenarioResult> Runs { get; init; } = [];
}

/// <summary>One soak phase.</summary>
/// <param name="Phase">1-based phase number.</param>
/// <param name="Requests">Requests completed in the phase.</param>
/// <param name="Failed">Unexpected outcomes.</param>
/// <param name="P50Ms">p50, ms (open model: from the intended send time).</param>
/// <param name="P99Ms">p99, ms.</param>
/// <param name="P999Ms">p99.9, ms.</param>
/// <param name="CpuMicrosPerRequest">The gateway's CPU µs per request in the phase.</param>
/// <param name="WorkingSetMb">The gateway's resident memory at the end of the phase, MB.</param>
/// <param name="Threads">The gateway's threads at the end of the phase.</param>
/// <param name="Handles">The gateway's open file descriptors at the end of the phase.</param>
/// <param name="GcHeapMb">GC heap after the phase's last collection, MB (null without dotnet-counters).</param>
/// <param name="Gen2Collections">Gen2 collections in the phase (null without dotnet-counters).</param>
/// <param name="GcPauseMs">Total GC pause in the phase, ms (null without dotnet-counters).</param>
/// <param name="RedisMemoryMb">Redis <c>used_memory</c> at the end of the phase, MB (null without Redis).</param>
/// <param name="Revocation">The phase's revocation probe (null without Redis).</param>
public sealed record SoakPhase(
    int Phase,
    long Requests,
    long Failed,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    double? CpuMicrosPerRequest,
    double? WorkingSetMb,
    int? Threads,
    int? Handles,
    double? GcHeapMb,
    long? Gen2Collections,
    double? GcPauseMs,
    double? RedisMemoryMb,
    RevocationProbe.Outcome? Revocation);
