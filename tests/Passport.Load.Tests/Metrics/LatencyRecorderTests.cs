using System.Diagnostics;
using Passport.Load.Metrics;

namespace Passport.Load.Tests.Metrics;

public class LatencyRecorderTests
{
    [Fact]
    public void Percentiles_come_from_the_recorded_values()
    {
        var recorder = new LatencyRecorder();
        for (var ms = 1; ms <= 100; ms++)
        {
            recorder.Record(0, Ticks(ms), StepResult.Success(200));
        }

        recorder.CloseInterval();
        var summary = LatencySummary.From(recorder.Total);

        Assert.Equal(100, recorder.Total.TotalCount);
        Assert.InRange(summary.P50, 49.9, 50.1);
        Assert.InRange(summary.P99, 98.9, 99.1);
        Assert.InRange(summary.Max, 99.9, 100.1);
    }

    [Fact]
    public void Each_interval_becomes_a_timeline_point_and_the_total_adds_them_up()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(0, Ticks(2), StepResult.Success(200));
        recorder.Record(0, Ticks(4), StepResult.Failure(401));
        var first = recorder.CloseInterval();
        recorder.Record(0, Ticks(8), StepResult.Success(200));
        var second = recorder.CloseInterval();

        Assert.Equal((2, 1), (first.Requests, first.Failures));
        Assert.Equal((1, 0), (second.Requests, second.Failures));
        Assert.Equal(2, recorder.Timeline.Count);
        Assert.Equal(3, recorder.Total.TotalCount);
        Assert.Equal(new Dictionary<int, long> { [200] = 2, [401] = 1 }, recorder.Statuses.ByStatus());
    }

    [Fact]
    public void Reset_forgets_everything()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(0, Ticks(3), StepResult.Success(200));
        recorder.Reset();
        recorder.CloseInterval();

        Assert.Equal(0, recorder.Total.TotalCount);
        Assert.Empty(recorder.Statuses.ByStatus());
    }

    [Fact]
    public void Latencies_beyond_the_trackable_range_are_clamped()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(0, Ticks(120_000), StepResult.Failure(0));
        recorder.CloseInterval();

        Assert.InRange(LatencySummary.From(recorder.Total).Max, 59_000, 60_100);
    }

    private static long Ticks(double ms) => (long)(ms / 1000 * Stopwatch.Frequency);
}
