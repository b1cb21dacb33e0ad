using Passport.Load.Engine;

namespace Passport.Load.Tests.Engine;

public class OpenScheduleTests
{
    [Fact]
    public void Request_i_is_due_at_start_plus_i_over_rate()
    {
        var schedule = new OpenSchedule(StartTimestamp: 1_000, RatePerSecond: 4, Frequency: 1_000_000);

        Assert.Equal(1_000, schedule.IntendedTimestamp(0));
        Assert.Equal(251_000, schedule.IntendedTimestamp(1));
        Assert.Equal(1_001_000, schedule.IntendedTimestamp(4));
    }

    [Fact]
    public void DueBy_counts_requests_whose_intended_time_has_passed()
    {
        var schedule = new OpenSchedule(1_000, 4, 1_000_000);

        Assert.Equal(0, schedule.DueBy(999));
        Assert.Equal(1, schedule.DueBy(1_000));
        Assert.Equal(1, schedule.DueBy(250_999));
        Assert.Equal(2, schedule.DueBy(251_000));
        Assert.Equal(5, schedule.DueBy(1_001_000));
    }

    [Fact]
    public void CountIn_is_rate_times_duration()
    {
        var schedule = new OpenSchedule(0, 250, 1_000_000);

        Assert.Equal(2_500, schedule.CountIn(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void A_rate_of_zero_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenSchedule.Create(0, 0));
    }
}
