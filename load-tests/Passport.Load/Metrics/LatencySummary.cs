using HdrHistogram;

namespace Passport.Load.Metrics;

/// <summary>Latency percentiles of a histogram recorded in microseconds, in milliseconds.</summary>
public sealed record LatencySummary(double P50, double P90, double P99, double P999, double Max, double Mean)
{
    /// <summary>Summarises <paramref name="histogram"/> (values in microseconds).</summary>
    public static LatencySummary From(HistogramBase histogram) => histogram.TotalCount == 0
        ? new LatencySummary(0, 0, 0, 0, 0, 0)
        : new LatencySummary(
            Millis(histogram.GetValueAtPercentile(50)),
            Millis(histogram.GetValueAtPercentile(90)),
            Millis(histogram.GetValueAtPercentile(99)),
            Millis(histogram.GetValueAtPercentile(99.9)),
            Millis(histogram.GetValueAtPercentile(100)),
            Math.Round(histogram.GetMean() / 1000.0, 3));

    /// <summary>The percentile curve (percentile → ms) for the percentile chart, HdrHistogram's log-spaced steps.</summary>
    public static IReadOnlyList<PercentilePoint> Curve(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return [];
        }

        var points = new List<PercentilePoint>();
        foreach (var value in histogram.Percentiles(5))
        {
            points.Add(new PercentilePoint(Math.Round(value.PercentileLevelIteratedTo, 5), Millis(value.ValueIteratedTo)));
            if (value.PercentileLevelIteratedTo >= 100.0)
            {
                break;
            }
        }

        return points;
    }

    /// <summary>Microseconds to milliseconds, rounded to 3 decimals.</summary>
    public static double Millis(long micros) => Math.Round(micros / 1000.0, 3);
}

/// <summary>One point of the percentile curve.</summary>
/// <param name="Percentile">0–100.</param>
/// <param name="LatencyMs">Latency at that percentile.</param>
public sealed record PercentilePoint(double Percentile, double LatencyMs);
