using Passport.Load.Cli;
using Passport.Load.Metrics;
using Passport.Load.Reports;
using Passport.Load.Suite;

namespace Passport.Load.Tests.Suite;

public class TailTests
{
    [Fact]
    public void Each_load_gets_p99_and_p999_deltas_to_bare_yarp_at_the_same_load_in_the_same_round()
    {
        ScenarioResult[] runs =
        [
            Open(TargetNames.BareYarp, 0.5, round: 1, p99: 2, p999: 4),
            Open(TargetNames.GatewayRedis, 0.5, round: 1, p99: 3, p999: 10),
            Open(TargetNames.BareYarp, 0.8, round: 1, p99: 5, p999: 8),
            Open(TargetNames.GatewayRedis, 0.8, round: 1, p99: 9, p999: 20),
            Open(TargetNames.BareYarp, 0.5, round: 2, p99: 4, p999: 6),
            Open(TargetNames.GatewayRedis, 0.5, round: 2, p99: 7, p999: 9),
        ];

        var tail = Headline.Tail(runs);

        var half = tail.Single(t => t.Target == TargetNames.GatewayRedis && t.LoadFraction == 0.5);
        Assert.Equal(2, half.P99DeltaMs); // median of +1 and +3
        Assert.Equal(4.5, half.P999DeltaMs); // median of +6 and +3
        var high = tail.Single(t => t.Target == TargetNames.GatewayRedis && t.LoadFraction == 0.8);
        Assert.Equal(4, high.P99DeltaMs);
        Assert.Equal(12, high.P999DeltaMs);
        Assert.Equal(0, tail.Single(t => t.Target == TargetNames.BareYarp && t.LoadFraction == 0.8).P99DeltaMs);

        // The headline row takes the first load only.
        var row = Headline.Build(runs).Single(r => r.Target == TargetNames.GatewayRedis);
        Assert.Equal(2, row.P99DeltaMs);
        Assert.Equal(4.5, row.P999DeltaMs);
    }

    [Fact]
    public void Loads_and_gateway_environment_are_parsed()
    {
        var options = LoadCommand.Parse(["run", "--loads", "0.5,0.8", "--gateway-env", "DOTNET_gcServer=0", "--gateway-env", "A=b=c"]);

        Assert.Equal([0.5, 0.8], options.Loads);
        Assert.Equal("0", options.GatewayEnvironment["DOTNET_gcServer"]);
        Assert.Equal("b=c", options.GatewayEnvironment["A"]);
        Assert.Throws<FormatException>(() => LoadCommand.Parse(["run", "--gateway-env", "novalue"]));
        Assert.Throws<FormatException>(() => LoadCommand.Parse(["run", "--loads", "2"]));
    }

    private static ScenarioResult Open(string scenario, double load, int round, double p99, double p999) => new()
    {
        Scenario = scenario,
        Model = "open 100/s",
        Round = round,
        LoadFraction = load,
        ThroughputPerSecond = 100,
        LatencyMs = new LatencySummary(1, 1.5, p99, p999, p999 + 1, 1),
    };
}
