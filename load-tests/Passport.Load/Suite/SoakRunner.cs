using System.Globalization;
using Passport.Load.Auth;
using Passport.Load.Engine;
using Passport.Load.Metrics;
using Passport.Load.Processes;
using Passport.Load.Reports;

namespace Passport.Load.Suite;

/// <summary>
/// The soak: gateway + Redis at a fixed rate for a long time, as back-to-back measured phases of
/// <see cref="SuiteOptions.Duration"/> (a fresh proof pool is signed between phases, so <c>iat</c> stays valid);
/// the gateway's resident memory is compared at the start and the end.
/// </summary>
public sealed class SoakRunner(SuiteOptions options, TimeSpan total, TextWriter output, TextWriter error)
{
    /// <summary>Runs the soak and writes soak.json; returns 0 when no request failed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var paths = RepoPaths.Find(options.Configuration);
        var name = options.Scenarios.Count == 1 ? options.Scenarios[0] : TargetNames.GatewayRedis;
        var rate = options.Rate ?? 500;
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

        var runs = new List<ScenarioResult>();
        var started = DateTime.UtcNow;
        double? rssStart = null;
        while (DateTime.UtcNow - started < total)
        {
            var result = await runner.RunAsync(catalog.Create(name, target, options.Duration),
                new RunSettings { Model = new OpenModel(rate), WarmUp = runs.Count == 0 ? options.WarmUp : TimeSpan.Zero, Duration = options.Duration, Progress = options.Progress },
                target.Measured, cancellationToken).ConfigureAwait(false);
            runs.Add(result);
            rssStart ??= result.Processes.First(p => p.Pid == proxy.Pid).RssStartMb;
        }

        var rssEnd = (ProcessCpu.ResidentBytes(proxy.Pid) ?? 0) / 1048576.0;
        var failed = runs.Sum(r => r.Failed);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"soak {name} at {rate:0}/s for {(DateTime.UtcNow - started).TotalMinutes:0.0} min ({runs.Count} phases, {runs.Sum(r => r.Requests)} requests, {failed} failed): gateway RSS {rssStart:0.0} MB at the start of measuring, {rssEnd:0.0} MB at the end; p99 per phase {string.Join(' ', runs.Select(r => r.LatencyMs.P99.ToString("0.0", CultureInfo.InvariantCulture)))} ms");
        output.WriteLine(summary);
        Directory.CreateDirectory(options.OutputDirectory);
        var report = new SuiteReport
        {
            GeneratedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
            Command = options.Command,
            FixedRatePerSecond = rate,
            Runs = runs,
            Notes = [summary],
        };
        await JsonReport.WriteAsync(report, Path.Combine(options.OutputDirectory, "soak.json"), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "soak.html"), HtmlReport.Render(report), cancellationToken).ConfigureAwait(false);
        return failed == 0 ? 0 : 1;
    }
}
