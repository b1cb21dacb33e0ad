using Passport.Server.Approvals;
using Xunit;

namespace Passport.Server.Tests.Recovery;

/// <summary><c>Passport:Passes:RecoveryWaitHours</c> is 1–720 (default 72), checked at start-up (<c>ValidateOnStart</c>) with a message naming the setting.</summary>
public sealed class RecoveryWaitHoursTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(-5, false)]
    [InlineData(721, false)]
    [InlineData(1, true)]
    [InlineData(72, true)]
    [InlineData(720, true)]
    public void Range_is_1_to_720_hours(int hours, bool valid)
    {
        var result = new PassesApprovalOptionsValidator().Validate(null, new PassesApprovalOptions { RecoveryWaitHours = hours });
        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.Contains("Passport:Passes:RecoveryWaitHours must be between 1 and 720", result.FailureMessage);
    }

    [Fact]
    public void Default_is_72_hours() => Assert.Equal(72, new PassesApprovalOptions().RecoveryWaitHours);
}
