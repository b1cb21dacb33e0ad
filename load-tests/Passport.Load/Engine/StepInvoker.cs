using System.Diagnostics;
using Passport.Load.Metrics;

namespace Passport.Load.Engine;

/// <summary>Runs one step with a timeout, records its latency from a given start, and never throws.</summary>
internal sealed class StepInvoker(Scenario scenario, LatencyRecorder recorder, ScenarioCounters counters, RunControl control, TimeSpan timeout)
{
    private long _completed;

    public long Completed => Interlocked.Read(ref _completed);

    public RunControl Control => control;

    /// <summary>Runs the step; latency = completion − <paramref name="startTimestamp"/> (the intended time in the open model).</summary>
    public async Task<StepResult> InvokeAsync(long requestNumber, int virtualUser, long startTimestamp, CancellationToken phaseToken)
    {
        var context = new ScenarioContext(requestNumber, virtualUser, startTimestamp, counters, control);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(phaseToken);
        timeoutCts.CancelAfter(timeout);
        StepResult result;
        try
        {
            result = await scenario.Step(context, timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            result = StepResult.Failure(0);
            counters.Increment("timeouts");
        }
        catch (HttpRequestException)
        {
            result = StepResult.Failure(0);
            counters.Increment("connection_errors");
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            result = StepResult.Failure(0);
            counters.Increment("connection_errors");
        }

        if (result.StatusCode < 0)
        {
            return result;
        }

        recorder.Record(startTimestamp, Stopwatch.GetTimestamp(), result);
        Interlocked.Increment(ref _completed);
        return result;
    }
}
