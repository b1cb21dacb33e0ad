using Passport.Load.Engine;

namespace Passport.Load.Tests.Engine;

public class ClosedModelTests
{
    [Fact]
    public async Task Never_more_requests_in_flight_than_users()
    {
        var inFlight = 0;
        var peak = 0;
        var scenario = new Scenario("users", async (_, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await Task.Delay(5, ct);
            Interlocked.Decrement(ref inFlight);
            return StepResult.Success(200);
        });

        var result = await new ScenarioRunner().RunAsync(scenario, new RunSettings { Model = new ClosedModel(4), WarmUp = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(1), Progress = false }, []);

        Assert.InRange(peak, 1, 4);
        Assert.True(result.Requests > 0);
    }

    [Fact]
    public async Task Warm_up_is_excluded_and_failures_are_counted_by_status()
    {
        var warm = true;
        var scenario = new Scenario("statuses", async (context, _) =>
        {
            await Task.Yield();
            return Volatile.Read(ref warm) ? StepResult.Failure(500) : context.RequestNumber % 2 == 0 ? StepResult.Success(200) : StepResult.Failure(401);
        })
        {
            PrepareMeasurement = (_, _) =>
            {
                Volatile.Write(ref warm, false);
                return ValueTask.CompletedTask;
            },
        };

        var result = await new ScenarioRunner().RunAsync(scenario, new RunSettings { Model = new ClosedModel(1), WarmUp = TimeSpan.FromMilliseconds(300), Duration = TimeSpan.FromSeconds(1), Progress = false }, []);

        Assert.True(result.Requests >= 2, $"{result.Requests} requests in the measured phase");
        Assert.False(result.StatusCodes.ContainsKey("500"));
        Assert.Equal(result.Requests, result.StatusCodes["200"] + result.StatusCodes["401"]);
        Assert.Equal(result.StatusCodes["401"], result.FailuresByStatus["401"]);
        Assert.Equal(result.Ok + result.Failed, result.Requests);
    }

    [Fact]
    public async Task A_step_can_end_the_measured_phase_early()
    {
        var scenario = new Scenario("stop", (context, _) =>
        {
            if (context.RequestNumber >= 10)
            {
                context.Control.Stop("pool exhausted");
                return ValueTask.FromResult(StepResult.NotSent);
            }

            return ValueTask.FromResult(StepResult.Success(200));
        });

        var result = await new ScenarioRunner().RunAsync(scenario, new RunSettings { Model = new ClosedModel(1), WarmUp = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(30), Progress = false }, []);

        Assert.Equal(10, result.Requests);
        Assert.Contains(result.Notes, n => n.Contains("pool exhausted", StringComparison.Ordinal));
    }

    [Fact]
    public void Planned_steps_are_exact_for_the_open_model_and_1_6_times_the_warm_up_rate_for_the_closed_one()
    {
        var open = new RunSettings { Model = new OpenModel(100), Duration = TimeSpan.FromSeconds(10) };
        var closed = new RunSettings { Model = new ClosedModel(8), Duration = TimeSpan.FromSeconds(10) };

        Assert.Equal(1_016, ScenarioRunner.PlannedSteps(open, 0));
        Assert.Equal(16_000 + 32, ScenarioRunner.PlannedSteps(closed, warmUpRate: 1_000));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
