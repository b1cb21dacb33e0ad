using System.Globalization;
using System.Text.Json;
using Passport.Load.Auth;
using Passport.Load.Engine;
using Passport.Load.Metrics;
using Passport.Load.Processes;
using Passport.Load.Reports;
using Passport.Load.Soak;
using StackExchange.Redis;

namespace Passport.Load.Suite;

/// <summary>
/// The soak (issue 18 §4): gateway + Redis at a fixed rate for a long time, as back-to-back measured phases of one
/// minute (a fresh proof pool is signed between phases, so <c>iat</c> stays valid). Each phase reports p50/p99/p99.9,
/// the gateway's CPU per request, working set, threads, handles, GC heap, gen2 collections and GC pause
/// (<see cref="RuntimeCounters"/>, when dotnet-counters is installed) and Redis <c>used_memory</c>; with Redis, each
/// phase also revokes a fresh agent halfway (<see cref="RevocationProbe"/>). After the phases, one closed-model run
/// measures the gateway's CPU per request at saturation, for comparison with the fixed rate.
/// Writes soak.json, soak.html and soak-chart.svg.
/// </summary>
public sealed class SoakRunner(SuiteOptions options, TimeSpan total, TextWriter output, TextWriter error, bool measureSaturation = true)
{
    /// <summary>Length of one soak phase (shorter only when the whole soak is).</summary>
    public static readonly TimeSpan PhaseLength = TimeSpan.FromMinutes(1);

    /// <summary>Runs the soak and writes the reports; returns 0 when no request failed and every revocation was enforced within 1 s.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken) => Verdict(await RunReportAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>0 when no request failed and every revocation probe was enforced; 1 otherwise.</summary>
    public static int Verdict(SoakReport report) =>
        report.Phases.Sum(p => p.Failed) == 0 && report.Phases.All(p => p.Revocation is null || p.Revocation.Enforced) ? 0 : 1;

    /// <summary>Runs the soak and returns its report (also written to <see cref="SuiteOptions.OutputDirectory"/>).</summary>
    public async Task<SoakReport> RunReportAsync(CancellationToken cancellationToken)
    {
        var paths = RepoPaths.Find(options.Configuration);
        var name = options.Scenarios.Count == 1 ? options.Scenarios[0] : TargetNames.GatewayRedis;
        var rate = options.Rate ?? 500;
        var phaseLength = total < PhaseLength ? total : PhaseLength;
        Directory.CreateDirectory(options.OutputDirectory);
        await using var idp = await IdpStub.StartAsync(cancellationToken).ConfigureAwait(false);
        using var bearer = new EcdsaBearerTokens();
        using var http = options.CreateClient();
        var launcher = new TargetLauncher(paths, idp, bearer, options.GatewayEnvironment);
        var catalog = new ScenarioCatalog(http, idp, bearer);
        var runner = new ScenarioRunner(options.Progress ? error : null);
        var (upstream, upstreamUrl) = await launcher.StartUpstreamAsync(cancellationToken).ConfigureAwait(false);
        await using var upstreamScope = upstream;
        await using var target = await launcher.StartAsync(name, upstream, upstreamUrl, cancellationToken).ConfigureAwait(false);
        var proxy = target.Measured.First(p => p.Name == "proxy");
        // INFO is an admin command in StackExchange.Redis: this connection is the soak's own, for INFO only.
        await using var redis = target.Redis is { } r
            ? await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { r.ConnectionString }, AllowAdmin = true }).ConfigureAwait(false)
            : null;
        var probeUri = new Uri(target.BaseUri, ScenarioCatalog.Path);

        var runs = new List<ScenarioResult>();
        var phases = new List<SoakPhase>();
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < total)
        {
            var number = phases.Count + 1;
            var warmUp = number == 1 ? options.WarmUp : TimeSpan.Zero;
            var csv = Path.Combine(options.OutputDirectory, $"counters-phase{number}.csv");
            var collector = RuntimeCounters.Start(proxy.Pid, warmUp + phaseLength, csv);
            var probe = target.Redis is { } redisProcess
                ? RevocationProbe.RunAsync(http, idp, probeUri, redisProcess.ConnectionString, number, warmUp + (phaseLength / 2), cancellationToken)
                : null;
            var result = await runner.RunAsync(catalog.Create(name, target, phaseLength),
                new RunSettings { Model = new OpenModel(rate), WarmUp = warmUp, Duration = phaseLength, Progress = options.Progress },
                target.Measured, cancellationToken).ConfigureAwait(false);
            var revocation = probe is null ? null : await probe.ConfigureAwait(false);
            var counters = await RuntimeCounters.FinishAsync(collector, csv).ConfigureAwait(false);
            runs.Add(result with { Round = number });
            var usage = result.Processes.FirstOrDefault(p => p.Pid == proxy.Pid);
            phases.Add(new SoakPhase(
                number,
                result.Requests,
                result.Failed,
                result.LatencyMs.P50,
                result.LatencyMs.P99,
                result.LatencyMs.P999,
                usage?.CpuMicrosPerRequest,
                ProcessCpu.ResidentBytes(proxy.Pid) is { } rss ? Math.Round(rss / 1048576.0, 1) : null,
                ProcessStats.Threads(proxy.Pid),
                ProcessStats.Handles(proxy.Pid),
                counters.GcHeapMb,
                counters.Gen2Collections,
                counters.GcPauseMs,
                redis is null ? null : await RedisUsedMemoryMbAsync(redis).ConfigureAwait(false),
                revocation));
            output.WriteLine(Line(phases[^1]));
        }

        double? saturationCpu = null, saturationThroughput = null;
        if (measureSaturation)
        {
            var closed = await runner.RunAsync(catalog.Create(name, target, options.Duration),
                new RunSettings { Model = new ClosedModel(options.Users), WarmUp = options.OpenWarmUp, Duration = options.Duration, Progress = options.Progress },
                target.Measured, cancellationToken).ConfigureAwait(false);
            runs.Add(closed);
            saturationCpu = closed.Processes.FirstOrDefault(p => p.Pid == proxy.Pid)?.CpuMicrosPerRequest;
            saturationThroughput = closed.ThroughputPerSecond;
        }

        var report = new SoakReport
        {
            GeneratedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
            Command = options.Command,
            Target = name,
            RatePerSecond = rate,
            PhaseSeconds = phaseLength.TotalSeconds,
            Phases = phases,
            SaturationCpuMicrosPerRequest = saturationCpu,
            SaturationThroughputPerSecond = saturationThroughput,
            Runs = runs,
        };
        report = report with { Notes = SoakVerdicts.Notes(report).ToList() };
        foreach (var note in report.Notes)
        {
            output.WriteLine(note);
        }

        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "soak.json"), JsonSerializer.Serialize(report, JsonReport.Options), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "soak.html"), SoakHtml.Render(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "soak-chart.svg"), SoakHtml.Chart(report), cancellationToken).ConfigureAwait(false);
        output.WriteLine($"reports: {Path.Combine(options.OutputDirectory, "soak.json")} {Path.Combine(options.OutputDirectory, "soak.html")}");
        return report;
    }

    private static string Line(SoakPhase p) => string.Create(CultureInfo.InvariantCulture,
        $"phase {p.Phase}: {p.Requests} requests, {p.Failed} failed, p50 {p.P50Ms:0.0} p99 {p.P99Ms:0.0} p99.9 {p.P999Ms:0.0} ms, CPU {p.CpuMicrosPerRequest:0} µs/req, WS {p.WorkingSetMb:0.0} MB, threads {p.Threads}, handles {p.Handles}, GC heap {p.GcHeapMb:0.0} MB, gen2 {p.Gen2Collections}, GC pause {p.GcPauseMs:0} ms, redis {p.RedisMemoryMb:0.0} MB, revocation {(p.Revocation is { } o ? o.EnforcedAfterMs.ToString("0", CultureInfo.InvariantCulture) + " ms" + (o.Enforced ? "" : " NOT ENFORCED") : "—")}");

    private static async Task<double?> RedisUsedMemoryMbAsync(ConnectionMultiplexer redis)
    {
        try
        {
            var info = await redis.GetServer(redis.GetEndPoints()[0]).InfoRawAsync("memory").ConfigureAwait(false) ?? string.Empty;
            foreach (var line in info.Split('\n'))
            {
                if (line.StartsWith("used_memory:", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan(12).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes))
                {
                    return Math.Round(bytes / 1048576.0, 2);
                }
            }
        }
        catch (Exception e) when (e is RedisException or RedisCommandException)
        {
            // Memory is then "not measured" for this phase; the soak goes on.
        }

        return null;
    }
}
