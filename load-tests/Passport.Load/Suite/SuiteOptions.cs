namespace Passport.Load.Suite;

/// <summary>Settings of one suite invocation (see <c>Passport.Load run --help</c>).</summary>
public sealed record SuiteOptions
{
    /// <summary>Scenarios to run (names from <see cref="TargetNames"/>).</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = TargetNames.All;

    /// <summary>Warm-up before the closed-model (max throughput) run; PERF-FACTS asks for at least 20 s.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Measured phase of each run.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Warm-up before the open-model run on an already warm process.</summary>
    public TimeSpan OpenWarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Virtual users of the closed model (wrk's -c32 in PERF-FACTS).</summary>
    public int Users { get; init; } = 32;

    /// <summary>
    /// Alternating rounds: every target is measured once per round, in rotating order, and the headline takes the
    /// median of the per-round ratios, so background load that comes and goes hits all targets alike.
    /// </summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Fixed arrival rate; null = half of the reference gateway's maximum.</summary>
    public double? Rate { get; init; }

    /// <summary>
    /// Fixed-rate loads as fractions of the reference gateway's measured maximum (default 0.5 only); the first one
    /// feeds the headline row, every one gets p99 and p99.9 deltas to bare YARP at the same load in the same round.
    /// Ignored when <see cref="Rate"/> is given.
    /// </summary>
    public IReadOnlyList<double> Loads { get; init; } = [0.5];

    /// <summary>Extra environment variables of the gateway process (e.g. <c>DOTNET_gcServer=0</c>), for A/B runs.</summary>
    public IReadOnlyDictionary<string, string> GatewayEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Skip the closed-model runs (smoke tests: open model only).</summary>
    public bool OpenOnly { get; init; }

    /// <summary>Folder for report.json / report.html.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>docs/benchmarks.md to update between the load-test markers, or null.</summary>
    public string? BenchmarksDoc { get; init; }

    /// <summary>Build configuration of the processes to start.</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>Print the live progress line.</summary>
    public bool Progress { get; init; } = true;

    /// <summary>The command line, for the report.</summary>
    public string Command { get; init; } = "Passport.Load run";

    /// <summary>The load client: <c>raw</c> (minimal HTTP/1.1 over sockets, default) or <c>httpclient</c> (SocketsHttpHandler).</summary>
    public string Client { get; init; } = "raw";

    /// <summary>Creates the load client chosen by <see cref="Client"/>.</summary>
    public Http.ILoadHttp CreateClient() => Client == "httpclient"
        ? new Http.LoadHttpClient((Users * 2) + 256)
        : new Http.RawHttpClient((Users * 2) + 256);
}
