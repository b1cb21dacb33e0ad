using System.Globalization;
using Passport.Load.Auth;
using Passport.Load.Engine;
using Passport.Load.Processes;
using Passport.Load.Reports;

namespace Passport.Load.Suite;

/// <summary>
/// One invocation. Starts the upstream, the IdP stand-in and every target (kept running), then measures in
/// alternating rounds (PERF-FACTS.md: compare ratios measured in one run): each round runs the closed model
/// (maximum throughput) on every target in rotating order; then each round runs the open model at the fixed rate
/// (half the reference gateway's median maximum). The revocation scenario runs last, once. Writes report.json,
/// report.html and, with <see cref="SuiteOptions.BenchmarksDoc"/>, the headline table.
/// </summary>
public sealed class SuiteRunner(SuiteOptions options, TextWriter output, TextWriter error)
{
    /// <summary>Runs the suite and returns the report (also written to <see cref="SuiteOptions.OutputDirectory"/>).</summary>
    public async Task<SuiteReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var paths = RepoPaths.Find(options.Configuration);
        var notes = new List<string>();
        var scenarios = Available(paths, notes);
        var runs = new List<ScenarioResult>();
        var reference = new[] { TargetNames.GatewayRedis, TargetNames.GatewayMemory, TargetNames.YarpJwtBearer, TargetNames.BareYarp }
            .FirstOrDefault(scenarios.Contains);
        var rate = options.Rate;
        double? maxOfReference = null;

        await using var idp = await IdpStub.StartAsync(cancellationToken).ConfigureAwait(false);
        using var bearer = new EcdsaBearerTokens();
        using var http = options.CreateClient();
        var launcher = new TargetLauncher(paths, idp, bearer, options.GatewayEnvironment);
        var catalog = new ScenarioCatalog(http, idp, bearer);
        var runner = new ScenarioRunner(options.Progress ? error : null);
        var (upstream, upstreamUrl) = await launcher.StartUpstreamAsync(cancellationToken).ConfigureAwait(false);
        await using var upstreamScope = upstream;

        var targets = new List<RunningTarget>();
        try
        {
            foreach (var name in scenarios.Where(s => s != TargetNames.GatewayRevocation))
            {
                if (await TryStartAsync(launcher, name, upstream, upstreamUrl, notes, cancellationToken).ConfigureAwait(false) is { } target)
                {
                    targets.Add(target);
                }
            }

            // Max throughput, closed model: round 1 warms each target up fully; later rounds re-warm briefly.
            if (!options.OpenOnly)
            {
                for (var round = 1; round <= options.Rounds; round++)
                {
                    foreach (var target in Rotate(targets, round))
                    {
                        var result = await runner.RunAsync(catalog.Create(target.Name, target, options.Duration),
                            Settings(new ClosedModel(options.Users), round == 1 ? options.WarmUp : options.OpenWarmUp), target.Measured, cancellationToken).ConfigureAwait(false);
                        runs.Add(result with { Round = round });
                    }
                }

                if (rate is null && reference is not null && Median(runs.Where(r => r.Scenario == reference).Select(r => r.ThroughputPerSecond)) is > 0 and var max)
                {
                    maxOfReference = max;
                    rate = Math.Round(max * options.Loads[0]);
                    notes.Add(string.Create(CultureInfo.InvariantCulture, $"fixed arrival rates = {string.Join(", ", options.Loads.Select(f => f.ToString("0.##", CultureInfo.InvariantCulture)))} × {reference}'s median maximum ({max:0}/s)"));
                }
            }

            rate ??= 200;

            // p99 / p99.9 at each fixed rate, open model; every load in every round, so each delta to bare YARP is
            // taken at the same load in the same round.
            var loads = maxOfReference is { } m
                ? options.Loads.Select(f => (Fraction: (double?)f, Rate: Math.Round(m * f))).ToList()
                : [(Fraction: (double?)null, Rate: rate.Value)];
            for (var round = 1; round <= options.Rounds; round++)
            {
                foreach (var (fraction, loadRate) in loads)
                {
                    foreach (var target in Rotate(targets, round))
                    {
                        var warm = options.OpenOnly && round == 1 && fraction == loads[0].Fraction ? options.WarmUp : options.OpenWarmUp;
                        var result = await runner.RunAsync(catalog.Create(target.Name, target, options.Duration),
                            Settings(new OpenModel(loadRate), warm), target.Measured, cancellationToken).ConfigureAwait(false);
                        runs.Add(result with { Round = round, LoadFraction = fraction });
                    }
                }
            }
        }
        finally
        {
            foreach (var target in targets)
            {
                await target.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (scenarios.Contains(TargetNames.GatewayRevocation)
            && await TryStartAsync(launcher, TargetNames.GatewayRevocation, upstream, upstreamUrl, notes, cancellationToken).ConfigureAwait(false) is { } revocation)
        {
            await using (revocation)
            {
                runs.Add(await runner.RunAsync(catalog.Create(revocation.Name, revocation, options.Duration),
                    Settings(new OpenModel(rate.Value), options.WarmUp), revocation.Measured, cancellationToken).ConfigureAwait(false));
            }
        }

        var report = new SuiteReport
        {
            GeneratedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
            Command = options.Command,
            FixedRatePerSecond = rate.Value,
            Headline = Headline.Build(runs),
            Tail = Headline.Tail(runs),
            Runs = runs,
            Notes = notes,
        };
        await WriteAsync(report, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>The median of <paramref name="values"/> (0 when empty).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static IEnumerable<RunningTarget> Rotate(List<RunningTarget> targets, int round) =>
        targets.Skip((round - 1) % Math.Max(1, targets.Count)).Concat(targets.Take((round - 1) % Math.Max(1, targets.Count)));

    private async Task<RunningTarget?> TryStartAsync(TargetLauncher launcher, string name, ChildProcess upstream, string upstreamUrl, List<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            return await launcher.StartAsync(name, upstream, upstreamUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or FileNotFoundException)
        {
            notes.Add($"{name} skipped: its target did not start ({e.Message.Split('\n')[0]})");
            error.WriteLine(e.Message);
            return null;
        }
    }

    private List<string> Available(RepoPaths paths, List<string> notes)
    {
        var result = new List<string>();
        foreach (var name in options.Scenarios)
        {
            if (TargetNames.NeedsGateway(name) && !paths.IsBuilt(TargetLauncher.GatewayProject, "Passport.Gateway.Host"))
            {
                notes.Add($"{name} skipped: {TargetLauncher.GatewayProject} is not built ({options.Configuration}).");
                continue;
            }

            if (TargetNames.NeedsRedis(name) && !File.Exists("/usr/bin/redis-server") && !File.Exists("/usr/local/bin/redis-server"))
            {
                notes.Add($"{name} skipped: redis-server is not installed (apt-get install -y redis-server).");
                continue;
            }

            result.Add(name);
        }

        return result;
    }

    private RunSettings Settings(LoadModel model, TimeSpan warmUp) => new()
    {
        Model = model,
        WarmUp = warmUp,
        Duration = options.Duration,
        Progress = options.Progress,
    };

    private async Task WriteAsync(SuiteReport report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var json = Path.Combine(options.OutputDirectory, "report.json");
        var html = Path.Combine(options.OutputDirectory, "report.html");
        await JsonReport.WriteAsync(report, json, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(html, HtmlReport.Render(report), cancellationToken).ConfigureAwait(false);
        output.WriteLine();
        output.WriteLine(ConsoleTable.Runs(report.Runs));
        output.WriteLine(BenchmarksDoc.Table(report));
        foreach (var note in report.Notes)
        {
            output.WriteLine("note: " + note);
        }

        output.WriteLine($"reports: {json} {html}");
        if (options.BenchmarksDoc is { } doc)
        {
            await BenchmarksDoc.UpdateAsync(doc, report, Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(doc))!, options.OutputDirectory), cancellationToken).ConfigureAwait(false);
            output.WriteLine($"updated: {doc}");
        }
    }
}
