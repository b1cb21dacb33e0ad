using System.Reflection;
using Passport.Load.Suite;

namespace Passport.Load.Tests.Suite;

/// <summary>
/// The CI smoke run (~20 s): scenario 2 (bare YARP), 4 (gateway, memory replay) and the 90/10 valid/invalid mix,
/// real processes on loopback, short phases, open model at a low rate. Asserts correctness only — no errors,
/// every invalid request refused, report files written — never a speed.
/// </summary>
public sealed class SmokeTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("passport-load-smoke-").FullName;

    [Fact]
    public async Task Bare_yarp_and_the_gateway_run_without_errors_refuse_every_invalid_request_and_write_the_reports()
    {
        var options = new SuiteOptions
        {
            Scenarios = [TargetNames.BareYarp, TargetNames.GatewayMemory, TargetNames.GatewayMix],
            OpenOnly = true,
            Rounds = 1,
            Rate = 100,
            WarmUp = TimeSpan.FromSeconds(2),
            Duration = TimeSpan.FromSeconds(4),
            OutputDirectory = _output,
            Configuration = Configuration,
            Progress = false,
            Command = "smoke test",
        };

        var report = await new SuiteRunner(options, TextWriter.Null, TextWriter.Null).RunAsync();

        Assert.Equal([TargetNames.BareYarp, TargetNames.GatewayMemory, TargetNames.GatewayMix], report.Runs.Select(r => r.Scenario).Order(StringComparer.Ordinal));
        foreach (var run in report.Runs)
        {
            Assert.True(run.Requests > 0, run.Scenario);
            Assert.True(run.Failed == 0, $"{run.Scenario}: {run.Failed} unexpected outcomes ({string.Join(", ", run.FailuresByStatus.Select(p => p.Key + ":" + p.Value))})");
            Assert.Contains(run.Processes, p => p.Name == "proxy");
        }

        var bare = report.Runs.Single(r => r.Scenario == TargetNames.BareYarp);
        Assert.Equal(bare.Requests, bare.StatusCodes["200"]);
        var gateway = report.Runs.Single(r => r.Scenario == TargetNames.GatewayMemory);
        Assert.Equal(gateway.Requests, gateway.StatusCodes["200"]);

        var mix = report.Runs.Single(r => r.Scenario == TargetNames.GatewayMix);
        Assert.True(mix.Counters[GatewaySteps.InvalidSent] > 0);
        Assert.Equal(mix.Counters[GatewaySteps.InvalidSent], mix.Counters[GatewaySteps.InvalidRefused]);
        Assert.False(mix.Counters.ContainsKey(GatewaySteps.InvalidAccepted));

        Assert.True(File.Exists(Path.Combine(_output, "report.json")));
        Assert.True(File.Exists(Path.Combine(_output, "report.html")));
    }

    [Fact]
    public async Task The_es256_scenario_gets_every_request_through_with_an_es256_token_and_es256_proofs()
    {
        // issue 15: an agent of another authorization server (Passport:Issuers entry, ES256 token bound to a P-256 key,
        // ES256 proofs) through the gateway: correctness only, every request 200.
        var options = new SuiteOptions
        {
            Scenarios = [TargetNames.GatewayEs256],
            OpenOnly = true,
            Rounds = 1,
            Rate = 100,
            WarmUp = TimeSpan.FromSeconds(2),
            Duration = TimeSpan.FromSeconds(4),
            OutputDirectory = _output,
            Configuration = Configuration,
            Progress = false,
            Command = "smoke test es256",
        };

        var report = await new SuiteRunner(options, TextWriter.Null, TextWriter.Null).RunAsync();

        var run = Assert.Single(report.Runs);
        Assert.Equal(TargetNames.GatewayEs256, run.Scenario);
        Assert.True(run.Requests > 0);
        Assert.True(run.Failed == 0, $"{run.Failed} unexpected outcomes ({string.Join(", ", run.FailuresByStatus.Select(p => p.Key + ":" + p.Value))})");
        Assert.Equal(run.Requests, run.StatusCodes["200"]);
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
