using System.Diagnostics;
using System.Globalization;
using Passport.Load.Metrics;
using Passport.Load.Reports;

namespace Passport.Load.Engine;

/// <summary>
/// Runs one scenario: warm-up (excluded from statistics) → <see cref="Scenario.PrepareMeasurement"/> (client work such
/// as signing proofs, while nothing is measured) → measured phase, with per-process CPU sampled right around it.
/// </summary>
public sealed class ScenarioRunner(TextWriter? progress = null)
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="scenario"/> with <paramref name="settings"/>, sampling <paramref name="processes"/>.</summary>
    public async Task<ScenarioResult> RunAsync(Scenario scenario, RunSettings settings, IReadOnlyList<MeasuredProcess> processes, CancellationToken cancellationToken = default)
    {
        var recorder = new LatencyRecorder();
        var counters = new ScenarioCounters();
        var notes = new List<string>();

        // Warm-up: same load, same code path, nothing kept.
        var warmUp = TimeSpan.Zero;
        double warmUpRate = 0;
        if (settings.WarmUp > TimeSpan.Zero)
        {
            var outcome = await RunPhaseAsync(scenario, settings, settings.WarmUp, recorder, counters, "warm-up", cancellationToken).ConfigureAwait(false);
            warmUp = outcome.Elapsed;
            // The busiest full second of the warm-up (the process gets faster as the JIT finishes), or the average.
            var busiest = recorder.Timeline.Where(p => p.ElapsedSeconds >= 0.9).Select(p => (double)p.Requests).DefaultIfEmpty(0).Max();
            warmUpRate = Math.Max(busiest, outcome.Completed / Math.Max(warmUp.TotalSeconds, 1e-9));
        }

        if (scenario.PrepareMeasurement is { } prepare)
        {
            await prepare(PlannedSteps(settings, warmUpRate), cancellationToken).ConfigureAwait(false);
        }

        recorder.Reset();
        counters.Reset();
        var before = processes.Select(p => (Process: p, Cpu: ProcessCpu.Read(p.Pid), Rss: ProcessCpu.ResidentBytes(p.Pid))).ToList();
        var measured = await RunPhaseAsync(scenario, settings, settings.Duration, recorder, counters, "measure", cancellationToken).ConfigureAwait(false);
        var after = processes.Select(p => (Cpu: ProcessCpu.Read(p.Pid), Rss: ProcessCpu.ResidentBytes(p.Pid))).ToList();

        var histogram = recorder.Total;
        var requests = measured.Completed;
        var seconds = Math.Max(measured.Elapsed.TotalSeconds, 1e-9);
        if (measured.StopReason is { } reason)
        {
            notes.Add("measured phase ended early: " + reason);
        }

        if (measured.Abandoned > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{measured.Abandoned} requests still in flight {Drain.TotalSeconds:0} s after the end were cancelled (status 0)"));
        }

        var usage = new List<ProcessUsage>();
        for (var i = 0; i < before.Count; i++)
        {
            var (process, cpu0, rss0) = before[i];
            var (cpu1, rss1) = after[i];
            if (cpu0 is null || cpu1 is null)
            {
                notes.Add($"could not read CPU time of {process.Name} (pid {process.Pid})");
                continue;
            }

            var cpu = (cpu1.Value - cpu0.Value).TotalSeconds;
            usage.Add(new ProcessUsage(
                process.Name,
                process.Pid,
                Math.Round(cpu, 3),
                requests == 0 ? 0 : Math.Round(cpu * 1e6 / requests, 1),
                Math.Round(cpu / seconds, 3),
                Math.Round((rss0 ?? 0) / 1048576.0, 1),
                Math.Round((rss1 ?? 0) / 1048576.0, 1)));
        }

        return new ScenarioResult
        {
            Scenario = scenario.Name,
            Description = scenario.Description,
            Model = settings.Model.Describe(),
            WarmUpSeconds = Math.Round(warmUp.TotalSeconds, 2),
            DurationSeconds = Math.Round(seconds, 3),
            Requests = requests,
            Ok = recorder.Statuses.Ok,
            Failed = recorder.Statuses.Failed,
            ThroughputPerSecond = Math.Round(requests / seconds, 1),
            LatencyMs = LatencySummary.From(histogram),
            StatusCodes = recorder.Statuses.ByStatus().ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value),
            FailuresByStatus = recorder.Statuses.FailuresByStatus().ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value),
            Counters = counters.Snapshot(),
            Processes = usage,
            Timeline = recorder.Timeline,
            Percentiles = LatencySummary.Curve(histogram),
            Notes = notes,
            Extra = scenario.CollectExtra?.Invoke() ?? new Dictionary<string, double>(),
        };
    }

    /// <summary>
    /// How many steps the measured phase may run: exact for the open model; for the closed one 1.6 × the warm-up's
    /// busiest second × duration (a pool that still runs out ends the phase early, and the report says so).
    /// </summary>
    internal static long PlannedSteps(RunSettings settings, double warmUpRate) => settings.Model switch
    {
        OpenModel open => (long)Math.Ceiling(open.RatePerSecond * settings.Duration.TotalSeconds) + 16,
        ClosedModel closed when warmUpRate > 0 =>
            (long)Math.Ceiling(warmUpRate * settings.Duration.TotalSeconds * 1.6) + (closed.Users * 4),
        ClosedModel closed => (long)Math.Ceiling(20_000 * settings.Duration.TotalSeconds) + (closed.Users * 4),
        _ => throw new ArgumentException($"Unknown load model {settings.Model}.", nameof(settings)),
    };

    private async Task<PhaseOutcome> RunPhaseAsync(Scenario scenario, RunSettings settings, TimeSpan duration, LatencyRecorder recorder, ScenarioCounters counters, string phaseName, CancellationToken cancellationToken)
    {
        recorder.Reset();
        using var control = new RunControl();
        var invoker = new StepInvoker(scenario, recorder, counters, control, settings.RequestTimeout);
        using var tickerStop = new CancellationTokenSource();
        var ticker = TickAsync(scenario.Name, phaseName, duration, recorder, settings.Progress ? progress : null, tickerStop.Token);
        PhaseOutcome outcome;
        try
        {
            outcome = settings.Model switch
            {
                OpenModel open => await OpenScheduler.RunAsync(invoker, open, duration, Drain, cancellationToken).ConfigureAwait(false),
                ClosedModel closed => await ClosedLoop.RunAsync(invoker, closed, duration, cancellationToken).ConfigureAwait(false),
                _ => throw new ArgumentException($"Unknown load model {settings.Model}.", nameof(settings)),
            };
        }
        finally
        {
            await tickerStop.CancelAsync().ConfigureAwait(false);
            await ticker.ConfigureAwait(false);
        }

        recorder.CloseInterval();
        progress?.WriteLine();
        return outcome;
    }

    private static async Task TickAsync(string name, string phase, TimeSpan duration, LatencyRecorder recorder, TextWriter? progress, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                var point = recorder.CloseInterval();
                progress?.Write(string.Create(CultureInfo.InvariantCulture,
                    $"\r{name} [{phase}] {Stopwatch.GetElapsedTime(started).TotalSeconds,4:0}/{duration.TotalSeconds:0} s  {point.Requests,7:N0} req/s  p50 {point.P50Ms,7:0.00} ms  p99 {point.P99Ms,7:0.00} ms  errors {point.Failures,5}   "));
            }
        }
        catch (OperationCanceledException)
        {
            // Phase over.
        }
    }
}
