using System.Reflection;
using Passport.Load.Soak;
using Passport.Load.Suite;

namespace Passport.Load.Tests.Suite;

/// <summary>
/// The soak of issue 18 §4 for 60 s (one phase, ~200 req/s, gateway + Redis, real processes on loopback): asserts
/// correctness only — no request failed, the phase's revoked agent was refused for good within the promise, every
/// per-phase metric was read — never a speed.
/// </summary>
public sealed class SoakTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("passport-load-soak-").FullName;

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_one_minute_soak_has_no_errors_enforces_its_revocation_and_reports_every_metric()
    {
        var options = new SuiteOptions
        {
            Scenarios = [TargetNames.GatewayRedis],
            Rate = 200,
            WarmUp = TimeSpan.FromSeconds(3),
            OutputDirectory = _output,
            Configuration = Configuration,
            Progress = false,
            Command = "soak test",
        };

        var report = await new SoakRunner(options, TimeSpan.FromMinutes(1), TextWriter.Null, TextWriter.Null, measureSaturation: false).RunReportAsync(CancellationToken.None);

        var phase = Assert.Single(report.Phases);
        Assert.True(phase.Requests > 0);
        Assert.True(phase.Failed == 0, $"{phase.Failed} unexpected outcomes ({string.Join(", ", report.Runs[0].FailuresByStatus.Select(p => p.Key + ":" + p.Value))})");
        var revocation = Assert.IsType<RevocationProbe.Outcome>(phase.Revocation);
        Assert.True(revocation.Enforced, $"revocation: {revocation}");
        Assert.True(phase.WorkingSetMb > 0);
        Assert.True(phase.Threads > 0);
        Assert.True(phase.Handles > 0);
        Assert.True(phase.RedisMemoryMb > 0);
        Assert.Equal(0, SoakRunner.Verdict(report));
        Assert.True(File.Exists(Path.Combine(_output, "soak.json")));
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(_output, "soak.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Counters_csv_gives_heap_of_the_last_sample_gen2_and_pause_sums()
    {
        string[] csv =
        [
            "Timestamp,Provider,Counter Name,Counter Type,Mean/Increment",
            "12/05/2026 03:04:30,System.Runtime,dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen0],Metric,1048576",
            "12/05/2026 03:04:30,System.Runtime,dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen2],Metric,2097152",
            "12/05/2026 03:04:31,System.Runtime,dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen2],Rate,1",
            "12/05/2026 03:04:31,System.Runtime,dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen0],Rate,5",
            "12/05/2026 03:04:31,System.Runtime,dotnet.gc.pause.time (s / 1 sec),Rate,0.25",
            "12/05/2026 03:04:32,System.Runtime,dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen0],Metric,3145728",
            "12/05/2026 03:04:32,System.Runtime,dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen2],Rate,2",
            "12/05/2026 03:04:32,System.Runtime,dotnet.gc.pause.time (s / 1 sec),Rate,0.5",
        ];

        var counters = RuntimeCounters.Parse(csv);

        Assert.Equal(5, counters.GcHeapMb); // gen0 3 MB (last sample) + gen2 2 MB
        Assert.Equal(3, counters.Gen2Collections);
        Assert.Equal(750, counters.GcPauseMs);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_output, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Configuration =>
        typeof(SoakTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c ? c : "Debug";
}
