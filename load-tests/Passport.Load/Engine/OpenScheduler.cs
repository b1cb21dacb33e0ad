using System.Diagnostics;

namespace Passport.Load.Engine;

/// <summary>
/// The open model's scheduler: a dedicated thread that starts every request at its intended time
/// (<see cref="OpenSchedule"/>) and never waits on a response. Requests run on the thread pool; the scheduler
/// only hands them over. When the phase ends it waits for requests in flight up to the drain deadline.
/// </summary>
internal static class OpenScheduler
{
    public static async Task<PhaseOutcome> RunAsync(StepInvoker invoker, OpenModel model, TimeSpan duration, TimeSpan drain, CancellationToken cancellationToken)
    {
        // A step asking to stop ends the schedule; requests in flight complete (or are cancelled after the drain).
        using var phase = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stop = invoker.Control.StopToken;
        long inFlight = 0;
        var allSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var schedule = OpenSchedule.Create(Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100, model.RatePerSecond);
        var total = schedule.CountIn(duration);

        void Completed()
        {
            if (Interlocked.Decrement(ref inFlight) == 0 && allSent.Task.IsCompleted)
            {
                drained.TrySetResult();
            }
        }

        var thread = new Thread(() =>
        {
            long next = 0;
            while (next < total && !phase.IsCancellationRequested && !stop.IsCancellationRequested)
            {
                var now = Stopwatch.GetTimestamp();
                var due = Math.Min(schedule.DueBy(now), total);
                for (; next < due; next++)
                {
                    Interlocked.Increment(ref inFlight);
                    var request = new ScheduledRequest(invoker, next, schedule.IntendedTimestamp(next), phase.Token, Completed);
                    ThreadPool.UnsafeQueueUserWorkItem(request, preferLocal: false);
                }

                if (next < total && schedule.IntendedTimestamp(next) > Stopwatch.GetTimestamp())
                {
                    Thread.Sleep(1);
                }
            }

            allSent.TrySetResult();
            if (Interlocked.Read(ref inFlight) == 0)
            {
                drained.TrySetResult();
            }
        })
        {
            IsBackground = true,
            Name = "open-model scheduler",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();

        await allSent.Task.ConfigureAwait(false);
        await Task.WhenAny(drained.Task, Task.Delay(drain, CancellationToken.None)).ConfigureAwait(false);
        var abandoned = Interlocked.Read(ref inFlight);
        if (abandoned > 0)
        {
            await phase.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(drained.Task, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
        }

        var elapsed = Stopwatch.GetElapsedTime(schedule.StartTimestamp);
        return new PhaseOutcome(invoker.Completed, elapsed, abandoned, invoker.Control.StopReason);
    }

    private sealed class ScheduledRequest(StepInvoker invoker, long number, long intended, CancellationToken token, Action completed) : IThreadPoolWorkItem
    {
        public void Execute() => _ = RunAsync();

        private async Task RunAsync()
        {
            try
            {
                await invoker.InvokeAsync(number, -1, intended, token).ConfigureAwait(false);
            }
            finally
            {
                completed();
            }
        }
    }
}
