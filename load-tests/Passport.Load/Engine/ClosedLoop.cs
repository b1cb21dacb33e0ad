using System.Diagnostics;

namespace Passport.Load.Engine;

/// <summary>The closed model: N virtual users, each sending its next request when the previous one completes.</summary>
internal static class ClosedLoop
{
    public static async Task<PhaseOutcome> RunAsync(StepInvoker invoker, ClosedModel model, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(model.Users);
        // A step asking to stop (e.g. proof pool exhausted) ends the loop, but requests in flight complete normally.
        var stop = invoker.Control.StopToken;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long sequence = -1;

        async Task UserAsync(int user)
        {
            await Task.Yield();
            while (!stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < end)
            {
                var number = Interlocked.Increment(ref sequence);
                await invoker.InvokeAsync(number, user, Stopwatch.GetTimestamp(), cancellationToken).ConfigureAwait(false);
            }
        }

        var users = new Task[model.Users];
        for (var i = 0; i < users.Length; i++)
        {
            users[i] = UserAsync(i);
        }

        await Task.WhenAll(users).ConfigureAwait(false);
        return new PhaseOutcome(invoker.Completed, Stopwatch.GetElapsedTime(start), 0, invoker.Control.StopReason);
    }
}
