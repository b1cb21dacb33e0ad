using System.Text.Json;
using Passport.Load.Engine;
using Passport.Load.Metrics;
using Passport.Load.Reports;
using Passport.Load.Suite;

namespace Passport.Load.Tests.Reports;

public class ReportShapeTests
{
    [Fact]
    public async Task The_json_report_has_runs_with_latency_statuses_timeline_percentiles_processes_and_a_headline()
    {
        var report = await SampleReportAsync();

        using var json = JsonDocument.Parse(JsonReport.Serialize(report));
        var root = json.RootElement;
        Assert.True(root.GetProperty("processorCount").GetInt32() > 0);
        var run = root.GetProperty("runs")[0];
        Assert.Equal(TargetNames.BareYarp, run.GetProperty("scenario").GetString());
        Assert.StartsWith("closed", run.GetProperty("model").GetString(), StringComparison.Ordinal);
        foreach (var p in new[] { "p50", "p90", "p99", "p999", "max", "mean" })
        {
            Assert.True(run.GetProperty("latencyMs").GetProperty(p).GetDouble() >= 0, p);
        }

        Assert.True(run.GetProperty("requests").GetInt64() > 0);
        Assert.True(run.GetProperty("throughputPerSecond").GetDouble() > 0);
        Assert.True(run.GetProperty("statusCodes").GetProperty("200").GetInt64() > 0);
        Assert.True(run.GetProperty("timeline").GetArrayLength() > 0);
        Assert.True(run.GetProperty("percentiles").GetArrayLength() > 0);
        var process = run.GetProperty("processes")[0];
        Assert.Equal("load client", process.GetProperty("name").GetString());
        Assert.True(process.GetProperty("cpuMicrosPerRequest").GetDouble() >= 0);
        var headline = root.GetProperty("headline")[0];
        Assert.Equal(TargetNames.BareYarp, headline.GetProperty("target").GetString());
        Assert.Equal(1.0, headline.GetProperty("maxThroughputRatio").GetDouble());
    }

    [Fact]
    public async Task The_html_report_is_self_contained_with_svg_charts()
    {
        var html = HtmlReport.Render(await SampleReportAsync());

        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("Latency over time", html, StringComparison.Ordinal);
        Assert.Contains("Latency by percentile", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_benchmarks_block_replaces_only_the_text_between_the_markers()
    {
        var doc = "# Benchmarks\n\n## Micro-benchmarks\n\nkeep me\n\n## Load tests\n\n" + BenchmarksDoc.Begin + "\nold\n" + BenchmarksDoc.End + "\n\nafter\n";

        var updated = BenchmarksDoc.Replace(doc, BenchmarksDoc.Begin + "\nnew\n" + BenchmarksDoc.End);

        Assert.Equal(doc.Replace("\nold\n", "\nnew\n", StringComparison.Ordinal), updated);
    }

    [Fact]
    public void Without_markers_a_load_tests_section_is_appended()
    {
        var updated = BenchmarksDoc.Replace("# Benchmarks\n\n## Micro-benchmarks\n\nkeep me\n", "BLOCK");

        Assert.Equal("# Benchmarks\n\n## Micro-benchmarks\n\nkeep me\n\n## Load tests\n\nBLOCK\n", updated);
    }

    private static async Task<SuiteReport> SampleReportAsync()
    {
        var scenario = new Scenario(TargetNames.BareYarp, (context, _) => ValueTask.FromResult(StepResult.Success(200)));
        var result = await new ScenarioRunner().RunAsync(scenario,
            new RunSettings { Model = new ClosedModel(2), WarmUp = TimeSpan.Zero, Duration = TimeSpan.FromMilliseconds(1200), Progress = false },
            [new MeasuredProcess("load client", Environment.ProcessId)]);
        return new SuiteReport
        {
            GeneratedAt = "now",
            Command = "test",
            Runs = [result],
            Headline = Headline.Build([result]),
        };
    }
}
