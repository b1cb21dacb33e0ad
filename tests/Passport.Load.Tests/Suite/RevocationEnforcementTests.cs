using System.Diagnostics;
using Passport.Load.Suite;

namespace Passport.Load.Tests.Suite;

public class RevocationEnforcementTests
{
    [Fact]
    public void Enforcement_time_is_from_publish_to_the_last_accepted_request()
    {
        var ms = Stopwatch.Frequency / 1000;
        long[] sent = [10 * ms, 20 * ms, 30 * ms, 40 * ms, 50 * ms, 60 * ms];
        int[] statuses = [200, 200, 403, 200, 403, 403];

        var result = RevocationScenario.Enforcement(sent, statuses, publishedAt: 15 * ms);

        Assert.Equal(25, result[RevocationScenario.EnforcedAfterMs]);
        Assert.Equal(2, result["accepted_after_publish"]);
        Assert.Equal(3, result["refused_after_publish"]);
    }

    [Fact]
    public void Never_refused_is_reported_as_minus_one()
    {
        var result = RevocationScenario.Enforcement([1, 2, 3], [200, 200, 200], publishedAt: 1);

        Assert.Equal(-1, result[RevocationScenario.EnforcedAfterMs]);
    }

    [Fact]
    public void A_tampered_token_differs_in_its_signature_only()
    {
        const string token = "aaa.bbb.cccccccccccccccccccc";

        var tampered = GatewaySteps.Tamper(token);

        Assert.NotEqual(token, tampered);
        Assert.StartsWith("aaa.bbb.", tampered, StringComparison.Ordinal);
    }
}
