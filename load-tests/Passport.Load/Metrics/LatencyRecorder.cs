using System.Diagnostics;
using HdrHistogram;

namespace Passport.Load.Metrics;

/// <summary>
/// Records step latencies (microseconds) into an HdrHistogram <see cref="Recorder"/> from many threads, plus
/// status counts, and cuts the stream into one-second intervals for the latency-over-time chart.
/// </summary>
public sealed class LatencyRecorder
{
    /// <summary>Largest latency tracked: 60 s in microseconds (larger values are clamped).</summary>
    public const long HighestTrackableMicros = 60_000_000;

    // Many virtual users record at once: the Recorder's histograms must take concurrent increments (a plain
    // LongHistogram loses some, and its TotalCount then disagrees with its counts, which breaks percentile lookups).
    private readonly Recorder _recorder = new(1, HighestTrackableMicros, 3, static (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits));
    private readonly List<TimelinePoint> _timeline = [];
    // Recorder allows many writers but only one reader at a time: CloseInterval (ticker thread) and Reset (end of
    // warm-up) both read, so they take this lock.
    private readonly Lock _reader = new();
    private LongHistogram _total = NewHistogram();
    private long _intervalOk;
    private long _intervalFailed;
    private long _phaseStart = Stopwatch.GetTimestamp();

    /// <summary>Status counts of the current phase.</summary>
    public StatusCounter Statuses { get; } = new();

    /// <summary>Records one completed step that took from <paramref name="startTimestamp"/> to <paramref name="endTimestamp"/> (Stopwatch ticks).</summary>
    public void Record(long startTimestamp, long endTimestamp, StepResult result)
    {
        var micros = ToMicros(endTimestamp - startTimestamp);
        _recorder.RecordValue(Math.Clamp(micros, 1, HighestTrackableMicros));
        Statuses.Add(result);
        if (result.Ok)
        {
            Interlocked.Increment(ref _intervalOk);
        }
        else
        {
            Interlocked.Increment(ref _intervalFailed);
        }
    }

    /// <summary>Closes the current one-second interval: folds it into the total and appends a timeline point.</summary>
    public TimelinePoint CloseInterval()
    {
        HistogramBase interval;
        lock (_reader)
        {
            interval = _recorder.GetIntervalHistogram();
        }
        var ok = Interlocked.Exchange(ref _intervalOk, 0);
        var failed = Interlocked.Exchange(ref _intervalFailed, 0);
        lock (_timeline)
        {
            _total.Add(interval);
            var point = new TimelinePoint(
                Math.Round(Stopwatch.GetElapsedTime(_phaseStart).TotalSeconds, 3),
                ok + failed,
                failed,
                LatencySummary.Millis(interval.TotalCount == 0 ? 0 : interval.GetValueAtPercentile(50)),
                LatencySummary.Millis(interval.TotalCount == 0 ? 0 : interval.GetValueAtPercentile(99)),
                LatencySummary.Millis(interval.TotalCount == 0 ? 0 : interval.GetValueAtPercentile(100)));
            _timeline.Add(point);
            return point;
        }
    }

    /// <summary>The histogram of every interval closed so far in this phase.</summary>
    public LongHistogram Total
    {
        get
        {
            lock (_timeline)
            {
                return (LongHistogram)_total.Copy();
            }
        }
    }

    /// <summary>One point per closed interval.</summary>
    public IReadOnlyList<TimelinePoint> Timeline
    {
        get
        {
            lock (_timeline)
            {
                return [.. _timeline];
            }
        }
    }

    /// <summary>Forgets everything recorded (end of warm-up) and starts a new phase clock.</summary>
    public void Reset()
    {
        // Recorder.Reset() clears the active histogram without the writer/reader phaser, so with warm-up requests still in
        // flight its counts and TotalCount could disagree (percentile lookups then throw). Swapping out an interval
        // histogram goes through the phaser and discards the same values safely.
        lock (_reader)
        {
            _ = _recorder.GetIntervalHistogram();
        }
        lock (_timeline)
        {
            _timeline.Clear();
            _total = NewHistogram();
        }

        Interlocked.Exchange(ref _intervalOk, 0);
        Interlocked.Exchange(ref _intervalFailed, 0);
        Statuses.Reset();
        _phaseStart = Stopwatch.GetTimestamp();
    }

    /// <summary>Converts Stopwatch ticks to whole microseconds.</summary>
    public static long ToMicros(long ticks) => (long)(ticks * 1_000_000.0 / Stopwatch.Frequency);

    private static LongHistogram NewHistogram() => new(1, HighestTrackableMicros, 3);
}
