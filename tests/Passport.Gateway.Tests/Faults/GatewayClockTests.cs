using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Passport.Core.Dpop;
using Passport.Gateway.Tests.Infrastructure;
using Passport.Gateway.Tokens;

namespace Passport.Gateway.Tests.Faults;

/// <summary>
/// The gateway on a fake clock (every TimeProvider it has): a cached token is not served past its <c>exp</c>, proofs
/// from an agent whose clock is off by less than the iat window are accepted and beyond it refused, and the previous
/// server nonce stays acceptable for exactly one rotation.
/// </summary>
public sealed class GatewayClockTests : IAsyncLifetime
{
    private readonly TestAgent _agent = new();
    // Whole seconds, so that an offset of N seconds is exactly N seconds of iat difference.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private TestIssuer _issuer = null!;
    private EchoUpstream _upstream = null!;
    private readonly List<GatewayHost> _gateways = [];

    public async Task InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _upstream = await EchoUpstream.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways) await gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    // No revocation source: its staleness would follow the fake clock too, which is not what these tests are about.
    private async Task<GatewayHost> StartGatewayAsync(bool nonces = false)
    {
        var gateway = await GatewayHost.StartAsync(_issuer.BaseUrl, _upstream.BaseUrl, settings =>
        {
            settings["Passport:Revocation:Source"] = "None";
            settings["Passport:Dpop:Nonce:Enabled"] = nonces ? "true" : "false";
            settings["Passport:Dpop:Nonce:RotationSeconds"] = "60";
        }, time: _clock);
        _gateways.Add(gateway);
        return gateway;
    }

    private static async Task<Refused> SendAsync(GatewayHost gateway, string token, string proof)
    {
        using var response = await gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, gateway.BaseUrl + "/things", token, proof));
        return await Refused.ReadAsync(response);
    }

    private string ProofAt(GatewayHost gateway, TimeProvider agentClock, string? nonce = null) =>
        new DpopProofFactory(_agent.Key, agentClock).Create("GET", gateway.BaseUrl + "/things", nonce: nonce);

    [Fact]
    public async Task A_cached_token_is_refused_as_expired_once_its_exp_plus_skew_passes()
    {
        var gateway = await StartGatewayAsync();
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var token = _issuer.Issuer.Issue(_agent.Claims(_issuer, gateway.BaseUrl) with { IssuedAt = now, ExpiresAt = now + 120 });

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateway, token, ProofAt(gateway, _clock))).Status);
        Assert.True(gateway.Services.GetRequiredService<TokenCache>().TryGet(TokenHash.Of(token), out _), "the token was not cached");

        // exp + 59 s: still within the validator's 60 s clock skew, served from the cache.
        _clock.Advance(TimeSpan.FromSeconds(120 + 59));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateway, token, ProofAt(gateway, _clock))).Status);

        // exp + 60 s: expired, the same refusal as for a token that was never cached.
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await SendAsync(gateway, token, ProofAt(gateway, _clock))).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.expired");
        (await SendAsync(gateway, token, ProofAt(gateway, _clock))).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.expired");
        var fresh = _issuer.Issuer.Issue(_agent.Claims(_issuer, gateway.BaseUrl) with { IssuedAt = now, ExpiresAt = now + 120 });
        (await SendAsync(gateway, fresh, ProofAt(gateway, _clock))).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.expired");
    }

    [Fact]
    public async Task An_agent_clock_off_by_less_than_the_iat_window_is_accepted_and_beyond_it_refused()
    {
        var gateway = await StartGatewayAsync();
        var token = _agent.Token(_issuer, gateway.BaseUrl);
        // Offset of the agent's clock from the gateway's (default window 60 s), and what the gateway answers.
        (int Offset, string? Code)[] table = [(0, null), (30, null), (-30, null), (60, null), (-60, null), (61, "dpop.future_iat"), (-61, "dpop.stale_iat"), (600, "dpop.future_iat"), (-600, "dpop.stale_iat")];
        foreach (var (offset, code) in table)
        {
            var agentClock = new FakeTimeProvider(_clock.GetUtcNow().AddSeconds(offset));
            var refused = await SendAsync(gateway, token, ProofAt(gateway, agentClock));
            if (code is null) Assert.True(refused.Status == HttpStatusCode.OK, $"offset {offset} s: {refused.Status} {refused.Code}");
            else refused.AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", code);
        }
    }

    [Fact]
    public async Task The_previous_server_nonce_is_accepted_after_one_rotation_and_refused_after_two()
    {
        var gateway = await StartGatewayAsync(nonces: true);
        var token = _agent.Token(_issuer, gateway.BaseUrl);

        var first = await SendAsync(gateway, token, ProofAt(gateway, _clock));
        first.AssertIs(HttpStatusCode.Unauthorized, "use_dpop_nonce", "dpop.use_nonce");
        var nonce = await NonceAsync(gateway, token);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateway, token, ProofAt(gateway, _clock, nonce))).Status);

        _clock.Advance(TimeSpan.FromSeconds(60)); // One rotation: the nonce is the previous one now.
        Assert.NotEqual(nonce, await NonceAsync(gateway, token));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateway, token, ProofAt(gateway, _clock, nonce))).Status);

        _clock.Advance(TimeSpan.FromSeconds(60)); // Two rotations: gone.
        (await SendAsync(gateway, token, ProofAt(gateway, _clock, nonce))).AssertIs(HttpStatusCode.Unauthorized, "use_dpop_nonce", "dpop.use_nonce");
    }

    // The nonce the gateway hands out now, read from the DPoP-Nonce header of a use_dpop_nonce challenge.
    private async Task<string> NonceAsync(GatewayHost gateway, string token)
    {
        using var response = await gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, gateway.BaseUrl + "/things", token, ProofAt(gateway, _clock)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("DPoP-Nonce"));
    }
}
