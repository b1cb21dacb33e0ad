using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Passport.Gateway.Configuration;
using Passport.Gateway.Dpop;

namespace Passport.Gateway.Tests.Dpop;

/// <summary>Server nonces on a fake clock: the current and the previous one are acceptable, nothing older.</summary>
public sealed class DpopNoncesTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_716_400_000));

    private DpopNonces Nonces(int rotationSeconds) =>
        new(Options.Create(new PassportGatewayOptions { Dpop = { Nonce = { Enabled = true, RotationSeconds = rotationSeconds } } }), _time);

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    public void A_nonce_is_acceptable_for_its_period_and_the_next_and_refused_after(int rotationSeconds)
    {
        var nonces = Nonces(rotationSeconds);
        var nonce = nonces.Current;
        Assert.True(nonces.IsAcceptable(nonce));

        _time.Advance(TimeSpan.FromSeconds(rotationSeconds));
        Assert.NotEqual(nonce, nonces.Current);
        Assert.True(nonces.IsAcceptable(nonce), "the previous nonce was refused after one rotation");

        _time.Advance(TimeSpan.FromSeconds(rotationSeconds));
        Assert.False(nonces.IsAcceptable(nonce), "a nonce two rotations old was accepted");
    }

    [Fact]
    public void After_a_gap_of_several_periods_no_previous_nonce_is_acceptable()
    {
        var nonces = Nonces(60);
        var nonce = nonces.Current;
        _time.Advance(TimeSpan.FromSeconds(600));
        Assert.False(nonces.IsAcceptable(nonce));
        Assert.False(nonces.IsAcceptable(""));
        Assert.False(nonces.IsAcceptable(null));
    }
}
