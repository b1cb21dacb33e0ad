using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Passport.Load.Auth;
using Passport.Load.Engine;
using Passport.Load.Http;
using Passport.Load.Processes;
using Passport.Load.Reports;
using Passport.Load.Suite;

namespace Passport.Load.WrkCheck;

/// <summary>
/// Cross-checks the runner with wrk: for each target (default bare YARP and the gateway with memory replay) it runs
/// the runner's closed model, then wrk with load-tests/wrk/dpop.lua on the same warm process, and compares the two
/// tools' throughput ratios to bare YARP.
/// </summary>
internal sealed class WrkRunner(SuiteOptions options, TextWriter output, TextWriter error)
{
    private const string Wrk = "/usr/bin/wrk";
    private const int Threads = 2;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Wrk))
        {
            error.WriteLine($"{Wrk} not found: apt-get install -y wrk");
            return 2;
        }

        var paths = RepoPaths.Find(options.Configuration);
        var script = Path.Combine(paths.Root, "load-tests", "wrk", "dpop.lua");
        var targets = options.Scenarios.SequenceEqual(TargetNames.All)
            ? [TargetNames.BareYarp, TargetNames.GatewayMemory]
            : options.Scenarios.Where(s => s is TargetNames.Direct or TargetNames.BareYarp or TargetNames.GatewayMemory or TargetNames.GatewayRedis).ToList();
        Directory.CreateDirectory(options.OutputDirectory);

        await using var idp = await IdpStub.StartAsync(cancellationToken).ConfigureAwait(false);
        using var bearer = new EcdsaBearerTokens();
        using var http = options.CreateClient();
        var launcher = new TargetLauncher(paths, idp, bearer, options.GatewayEnvironment);
        var catalog = new ScenarioCatalog(http, idp, bearer);
        var runner = new ScenarioRunner(options.Progress ? error : null);
        var (upstream, upstreamUrl) = await launcher.StartUpstreamAsync(cancellationToken).ConfigureAwait(false);
        await using var upstreamScope = upstream;
        var rows = new List<WrkRow>();
        var notes = new List<string>();
        foreach (var name in targets)
        {
            RunningTarget target;
            try
            {
                target = await launcher.StartAsync(name, upstream, upstreamUrl, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or FileNotFoundException)
            {
                notes.Add($"{name} skipped: could not start it ({e.Message.Split('\n')[0]})");
                continue;
            }

            await using (target)
            {
                var runnerResult = await runner.RunAsync(catalog.Create(name, target, options.Duration),
                    new RunSettings { Model = new ClosedModel(options.Users), WarmUp = options.WarmUp, Duration = options.Duration, Progress = options.Progress },
                    target.Measured, cancellationToken).ConfigureAwait(false);
                var wrk = await RunWrkAsync(idp, name, target, script, runnerResult.ThroughputPerSecond, cancellationToken).ConfigureAwait(false);
                rows.Add(new WrkRow(name, runnerResult.ThroughputPerSecond, runnerResult.LatencyMs.P99, wrk));
            }
        }

        var bare = rows.FirstOrDefault(r => r.Target == TargetNames.BareYarp);
        var table = Table(rows, bare, notes);
        output.WriteLine(table);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "wrk.json"),
            JsonSerializer.Serialize(new { command = options.Command, rows, notes }, JsonReport.Options), cancellationToken).ConfigureAwait(false);
        if (options.BenchmarksDoc is { } doc && File.Exists(doc))
        {
            var text = await File.ReadAllTextAsync(doc, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(doc, BenchmarksDoc.ReplaceWrk(text, table), cancellationToken).ConfigureAwait(false);
        }

        return rows.Any(r => r.Wrk.Non2xx > 0 || r.Wrk.SocketErrors > 0) ? 1 : 0;
    }

    private async Task<WrkOutput> RunWrkAsync(IdpStub idp, string name, RunningTarget target, string script, double runnerRate, CancellationToken cancellationToken)
    {
        var uri = new Uri(target.BaseUri, ScenarioCatalog.Path);
        using var agent = Agent.Create(idp, target.BaseUri.GetLeftPart(UriPartial.Authority), "wrk-agent");
        var file = Path.Combine(options.OutputDirectory, $"proofs-{name}.txt");
        // wrk's C client is cheaper than the runner's, so size for up to 3x the runner's rate; plus slack.
        var count = (long)Math.Min(3_000_000, (runnerRate * 3 * options.Duration.TotalSeconds) + 20_000);
        agent.Proofs(uri.ToString()).WriteFile(file, count, GatewaySteps.IatOffset(options.Duration));
        try
        {
            var args = new[]
            {
                "-t" + Threads.ToString(CultureInfo.InvariantCulture), "-c" + options.Users.ToString(CultureInfo.InvariantCulture),
                "-d" + ((int)options.Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s", "--latency", "-s", script,
                uri.ToString(), "--", file, agent.Authorization, Threads.ToString(CultureInfo.InvariantCulture),
            };
            var info = new ProcessStartInfo(Wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }

            error.WriteLine($"{name}: wrk {string.Join(' ', args.Take(7))} -- {Path.GetFileName(file)} ({count} proofs) \"DPoP <token>\" {Threads}");
            using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start wrk");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Duration + TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw;
            }

            var text = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, $"wrk-{name}.txt"), text, cancellationToken).ConfigureAwait(false);
            return WrkOutput.Parse(text);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Table(List<WrkRow> rows, WrkRow? bare, List<string> notes)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| target | runner req/s | runner × bare | wrk req/s | wrk × bare | wrk p50 (ms) | wrk p99 (ms) | wrk non-2xx |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            var runnerRatio = bare is { RunnerRate: > 0 } ? (r.RunnerRate / bare.RunnerRate).ToString("0.00", CultureInfo.InvariantCulture) : "—";
            var wrkRatio = bare is { Wrk.RequestsPerSecond: > 0 } ? (r.Wrk.RequestsPerSecond / bare.Wrk.RequestsPerSecond).ToString("0.00", CultureInfo.InvariantCulture) : "—";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Target} | {r.RunnerRate:0} | {runnerRatio} | {r.Wrk.RequestsPerSecond:0} | {wrkRatio} | {r.Wrk.P50Ms:0.00} | {r.Wrk.P99Ms:0.00} | {r.Wrk.Non2xx} |");
        }

        foreach (var note in notes)
        {
            sb.AppendLine().Append("- ").AppendLine(note);
        }

        return sb.ToString();
    }

    private sealed record WrkRow(string Target, double RunnerRate, double RunnerP99Ms, WrkOutput Wrk);
}
