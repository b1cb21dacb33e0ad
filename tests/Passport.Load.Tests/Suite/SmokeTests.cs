using System.Reflection;
using Passport.Load.Suite;

namespace Passport.Load.Tests.Suite;

/// <summary>
/// The CI smoke run (~20 s): real processes on loopback, short phases, open model at a low rate. Asserts
/// correctness only — no errors, invalid requests refused, report files written — never a speed.
/// </summary>
public sealed class SmokeTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("passport-load-smoke-").FullName;

    [Fact]
    public async Task Bare_yarp_runs_without_errors_and_writes_the_reports()
    {
        var options = new SuiteOptions
        {
            Scenarios = [TargetNames.BareYarp],
            OpenOnly = true,
            Rate = 100,
            WarmUp = TimeSpan.FromSeconds(2),
            Duration = TimeSpan.FromSeconds(4),
            OutputDirectory = _output,
            Configuration = Configuration,
            Progress = false,
            Command = "smoke test",
        };

        var report = await new SuiteRunner(options, TextWriter.Null, TextWriter.Null).RunAsync();

        var run = Assert.Single(report.Runs);
        Assert.Equal(TargetNames.BareYarp, run.Scenario);
        Assert.True(run.Requests > 0);
        Assert.Equal(0, run.Failed);
        Assert.Equal(run.Requests, run.StatusCodes["200"]);
        Assert.Contains(run.Processes, p => p.Name == "proxy");
        Assert.True(File.Exists(Path.Combine(_output, "report.json")));
        Assert.True(File.Exists(Path.Combine(_output, "report.html")));
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
        typeof(SmokeTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c ? c : "Debug";
}
