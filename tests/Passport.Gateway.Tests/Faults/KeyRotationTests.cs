using System.Net;
using Microsoft.Extensions.Time.Testing;
using Passport.Core.Dpop;
using Passport.Gateway.Tests.Infrastructure;

namespace Passport.Gateway.Tests.Faults;

/// <summary>
/// The IdP rotates its signing key and takes the old <c>kid</c> out of its JWKS: from the gateway's next JWKS load
/// (periodic refresh, or the refetch a new <c>kid</c> triggers) a token of the old <c>kid</c> is refused with 401
/// <c>token.unknown_kid</c>, cached or not; tokens of the new key are accepted. Never a 500.
/// </summary>
public sealed class KeyRotationTests : IAsyncLifetime
{
    private const string OldKid = "passport-v1";
    private const string NewKid = "passport-v2";

    private readonly TestAgent _agent = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private TestIssuer _issuer = null!;
    private EchoUpstream _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _upstream = await EchoUpstream.StartAsync();
        _gateway = await GatewayHost.StartAsync(_issuer.BaseUrl, _upstream.BaseUrl, s => s["Passport:Revocation:Source"] = "None", time: _clock);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private Task<HttpResponseMessage> SendAsync(string token)
    {
        var url = _gateway.BaseUrl + "/things";
        var proof = new DpopProofFactory(_agent.Key, _clock).Create("GET", url, token);
        return _gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, url, token, proof));
    }

    private async Task<Refused> RefusedAsync(string token)
    {
        using var response = await SendAsync(token);
        return await Refused.ReadAsync(response);
    }

    private string Token() => _agent.Token(_issuer, _gateway.BaseUrl);

    private void Rotate()
    {
        _issuer.AddKey(NewKid, makeCurrent: true);
        _issuer.RemoveKey(OldKid);
    }

    [Fact]
    public async Task A_cached_token_of_a_removed_kid_is_refused_after_the_periodic_refresh()
    {
        var old = Token();
        Assert.Equal(HttpStatusCode.OK, (await RefusedAsync(old)).Status);
        Rotate();

        // Until the gateway loads the JWKS again the old key is still its key: accepted (at most Jwks:RefreshSeconds).
        Assert.Equal(HttpStatusCode.OK, (await RefusedAsync(old)).Status);

        _clock.Advance(TimeSpan.FromSeconds(300)); // Jwks:RefreshSeconds default: the refresher loads the new set.
        Assert.Equal(HttpStatusCode.Unauthorized, await Poll.UntilStatusAsync(() => SendAsync(old), HttpStatusCode.Unauthorized));
        (await RefusedAsync(old)).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.unknown_kid");
        Assert.Equal(HttpStatusCode.OK, (await RefusedAsync(Token())).Status);
    }

    [Fact]
    public async Task The_first_token_of_the_new_kid_refetches_the_jwks_and_from_then_on_the_old_kid_is_refused()
    {
        var old = Token();
        Assert.Equal(HttpStatusCode.OK, (await RefusedAsync(old)).Status);
        Rotate();

        Assert.Equal(HttpStatusCode.OK, (await RefusedAsync(Token())).Status); // Unknown kid: one refetch.
        (await RefusedAsync(old)).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.unknown_kid");
        (await RefusedAsync(old)).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.unknown_kid");
    }
}
