namespace Passport.Load.Metrics;

/// <summary>One second of the measured phase.</summary>
/// <param name="ElapsedSeconds">Seconds since the phase started, at the end of this interval.</param>
/// <param name="Requests">Steps completed in the interval.</param>
/// <param name="Failures">Unexpected outcomes in the interval.</param>
/// <param name="P50Ms">Median latency of the interval, milliseconds.</param>
/// <param name="P99Ms">99th percentile of the interval, milliseconds.</param>
/// <param name="MaxMs">Largest latency of the interval, milliseconds.</param>
public sealed record TimelinePoint(double ElapsedSeconds, long Requests, long Failures, double P50Ms, double P99Ms, double MaxMs);
