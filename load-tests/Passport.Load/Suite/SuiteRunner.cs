using System.Globalization;
using Passport.Load.Auth;
using Passport.Load.Engine;
using Passport.Load.Http;
using Passport.Load.Processes;
using Passport.Load.Reports;

namespace Passport.Load.Suite;

/// <summary>
/// One invocation: start the upstream and the IdP stand-in, then for each scenario start its target, run the closed
/// model (maximum throughput) and the open model at the fixed rate (half the reference gateway's maximum), stop it,
/// and write report.json, report.html and the headline table.
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
        var ordered = scenarios.OrderBy(s => s == reference ? 0 : 1).ThenBy(s => TargetNames.All.ToList().IndexOf(s)).ToList();
        var rate = options.Rate;

        await using var idp = await IdpStub.StartAsync(cancellationToken).ConfigureAwait(false);
        using var bearer = new EcdsaBearerTokens();
        using var http = options.CreateClient();
        var launcher = new TargetLauncher(paths, idp, bearer);
        var catalog = new ScenarioCatalog(http, idp, bearer);
        var runner = new ScenarioRunner(options.Progress ? error : null);
        var (upstream, upstreamUrl) = await launcher.StartUpstreamAsync(cancellationToken).ConfigureAwait(false);
        await using var upstreamScope = upstream;

        foreach (var name in ordered)
        {
            RunningTarget target;
            try
            {
                target = await launcher.StartAsync(name, upstream, upstreamUrl, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or FileNotFoundException)
            {
                notes.Add($"{name} skipped: its target did not start ({e.Message.Split('\n')[0]})");
                error.WriteLine(e.Message);
                continue;
            }

            await using var targetScope = target;
            var closedRan = false;
            if (!options.OpenOnly && name != TargetNames.GatewayRevocation)
            {
                var closed = await runner.RunAsync(catalog.Create(name, target, options.Duration),
                    Settings(new ClosedModel(options.Users), options.WarmUp), target.Measured, cancellationToken).ConfigureAwait(false);
                runs.Add(closed);
                closedRan = true;
                if (name == reference && rate is null && closed.ThroughputPerSecond > 0)
                {
                    rate = Math.Round(closed.ThroughputPerSecond / 2);
                    notes.Add(string.Create(CultureInfo.InvariantCulture, $"fixed arrival rate = half of {name}'s maximum = {rate}/s"));
                }
            }

            rate ??= 200;
            var open = await runner.RunAsync(catalog.Create(name, target, options.Duration),
                Settings(new OpenModel(rate.Value), closedRan ? options.OpenWarmUp : options.WarmUp), target.Measured, cancellationToken).ConfigureAwait(false);
            runs.Add(open);
        }

        var report = new SuiteReport
        {
            GeneratedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
            Command = options.Command,
            FixedRatePerSecond = rate ?? 0,
            Headline = Headline.Build(runs),
            Runs = runs,
            Notes = notes,
        };
        await WriteAsync(report, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private List<string> Available(RepoPaths paths, List<string> notes)
    {
        var result = new List<string>();
        foreach (var name in options.Scenarios)
        {
            if (TargetNames.NeedsGateway(name) && !paths.IsBuilt(TargetLauncher.GatewayProject, "Passport.Gateway"))
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
