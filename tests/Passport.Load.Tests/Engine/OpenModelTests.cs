using System.Collections.Concurrent;
using System.Diagnostics;
using Passport.Load.Engine;

namespace Passport.Load.Tests.Engine;

public class OpenModelTests
{
    [Fact]
    public async Task The_scheduler_keeps_sending_while_no_response_has_arrived()
    {
        // Every response is held back until 20 requests have been started: a scheduler that waited on responses
        // would never get there (the request timeout would fail them all).
        var started = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scenario = new Scenario("held", async (_, ct) =>
        {
            if (Interlocked.Increment(ref started) >= 20)
            {
                gate.TrySetResult();
            }

            await gate.Task.WaitAsync(ct);
            return StepResult.Success(200);
        });

        var result = await new ScenarioRunner().RunAsync(scenario, Settings(new OpenModel(50), seconds: 1), []);

        Assert.Equal(50, result.Requests);
        Assert.Equal(0, result.Failed);
    }

    [Fact]
    public async Task Each_request_carries_its_intended_time_on_the_schedule()
    {
        var intended = new ConcurrentDictionary<long, long>();
        var scenario = new Scenario("record", (context, _) =>
        {
            intended[context.RequestNumber] = context.IntendedTimestamp;
            return ValueTask.FromResult(StepResult.Success(200));
        });

        await new ScenarioRunner().RunAsync(scenario, Settings(new OpenModel(100), seconds: 1), []);

        Assert.Equal(100, intended.Count);
        var spacing = Stopwatch.Frequency / 100.0;
        for (var i = 1; i < 100; i++)
        {
            Assert.InRange(intended[i] - intended[0] - (i * spacing), -1, 1);
        }
    }

    [Fact]
    public async Task Latency_is_measured_from_the_intended_time_not_from_the_late_start()
    {
        // The first request stalls every later one (a single-lane server); with coordinated omission corrected the
        // requests queued behind it report the time they waited since they were due.
        var lane = new SemaphoreSlim(1);
        var scenario = new Scenario("stall", async (context, ct) =>
        {
            await lane.WaitAsync(ct);
            try
            {
                if (context.RequestNumber == 0)
                {
                    await Task.Delay(400, ct);
                }

                return StepResult.Success(200);
            }
            finally
            {
                lane.Release();
            }
        });

        var result = await new ScenarioRunner().RunAsync(scenario, Settings(new OpenModel(50), seconds: 1), []);

        // Requests due during the 400 ms stall (about 20 of 50) waited for it: p50 is far above the no-stall latency.
        Assert.True(result.LatencyMs.P90 >= 100, $"p90 {result.LatencyMs.P90} ms should include time queued behind the stall");
        Assert.Equal(50, result.Requests);
    }

    private static RunSettings Settings(LoadModel model, double seconds) => new()
    {
        Model = model,
        WarmUp = TimeSpan.Zero,
        Duration = TimeSpan.FromSeconds(seconds),
        Progress = false,
        RequestTimeout = TimeSpan.FromSeconds(20),
    };
}
