using System.Diagnostics;

namespace Passport.Load.Engine;

/// <summary>The closed model: N virtual users, each sending its next request when the previous one completes.</summary>
internal static class ClosedLoop
{
    public static async Task<PhaseOutcome> RunAsync(StepInvoker invoker, ClosedModel model, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(model.Users);
        using var phase = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, invoker.Control.StopToken);
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long sequence = -1;

        async Task UserAsync(int user)
        {
            await Task.Yield();
            while (!phase.IsCancellationRequested && Stopwatch.GetTimestamp() < end)
            {
                var number = Interlocked.Increment(ref sequence);
                await invoker.InvokeAsync(number, user, Stopwatch.GetTimestamp(), phase.Token).ConfigureAwait(false);
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
