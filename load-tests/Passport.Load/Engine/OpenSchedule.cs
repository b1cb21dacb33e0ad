using System.Diagnostics;

namespace Passport.Load.Engine;

/// <summary>
/// The open model's timetable: request <c>i</c> is due at <c>start + i / rate</c>. Latency is measured from this
/// intended time, never from the moment the scheduler got round to sending, so a stalled server cannot hide its
/// stall by slowing the client down (coordinated omission, corrected as wrk2 does).
/// </summary>
/// <param name="StartTimestamp">Stopwatch timestamp of request 0.</param>
/// <param name="RatePerSecond">Arrival rate.</param>
/// <param name="Frequency">Stopwatch ticks per second (injectable for tests).</param>
public readonly record struct OpenSchedule(long StartTimestamp, double RatePerSecond, long Frequency)
{
    /// <summary>A schedule starting at <paramref name="startTimestamp"/> with the system Stopwatch frequency.</summary>
    public static OpenSchedule Create(long startTimestamp, double ratePerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        return new OpenSchedule(startTimestamp, ratePerSecond, Stopwatch.Frequency);
    }

    /// <summary>The intended send time of request <paramref name="index"/> (Stopwatch ticks).</summary>
    public long IntendedTimestamp(long index) => StartTimestamp + (long)(index * (Frequency / RatePerSecond));

    /// <summary>How many requests are due at or before <paramref name="timestamp"/>.</summary>
    public long DueBy(long timestamp) =>
        timestamp < StartTimestamp ? 0 : (long)Math.Floor((timestamp - StartTimestamp) * RatePerSecond / Frequency) + 1;

    /// <summary>How many requests a phase of <paramref name="duration"/> holds.</summary>
    public long CountIn(TimeSpan duration) => (long)Math.Ceiling(duration.TotalSeconds * RatePerSecond);
}
