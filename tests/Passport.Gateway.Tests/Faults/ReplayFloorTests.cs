using System.Net;
using Microsoft.Extensions.Time.Testing;
using Passport.Core.Dpop;
using Passport.Gateway.Tests.Infrastructure;
using Passport.Testing;

namespace Passport.Gateway.Tests.Faults;

/// <summary>
/// The replay floor with the memory store (<c>Passport:Replay:Floor=true</c>): the gateway restarted on the same address
/// forgets every proof, so a proof the previous process accepted is refused (401 <c>dpop.before_replay_floor</c>) instead
/// of being accepted a second time; fresh proofs are accepted again once one iat window has passed. The gateway runs on
/// a fake clock, so the window passes without waiting.
/// </summary>
public sealed class ReplayFloorTests : IAsyncLifetime
{
    private readonly TestAgent _agent = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly string _gatewayUrl = $"http://127.0.0.1:{FreePort.Get()}";
    private TestIssuer _issuer = null!;
    private EchoUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _upstream = await EchoUpstream.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private Task<GatewayHost> StartGatewayAsync(bool floor) => GatewayHost.StartAsync(_issuer.BaseUrl, _upstream.BaseUrl, settings =>
    {
        settings["Passport:Revocation:Source"] = "None";
        settings["Passport:Replay:Floor"] = floor ? "true" : "false";
        settings["Passport:PublicOrigin"] = _gatewayUrl;
    }, fixedBaseUrl: _gatewayUrl, time: _clock);

    private string Proof() => new DpopProofFactory(_agent.Key, _clock).Create("GET", _gatewayUrl + "/things");

    private static async Task<Refused> SendAsync(GatewayHost gateway, string token, string proof)
    {
        using var response = await gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, gateway.BaseUrl + "/things", token, proof));
        return await Refused.ReadAsync(response);
    }

    [Fact]
    public async Task A_proof_accepted_before_a_gateway_restart_is_never_accepted_again_and_fresh_proofs_pass_after_one_window()
    {
        var token = _agent.Token(_issuer, _gatewayUrl);
        var accepted = new List<string>();
        await using (var first = await StartGatewayAsync(floor: true))
        {
            // A fresh start: the previous process may have accepted proofs of this window.
            (await SendAsync(first, token, Proof())).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.before_replay_floor");
            _clock.Advance(TimeSpan.FromSeconds(60));
            for (var i = 0; i < 10; i++)
            {
                var proof = Proof();
                var refused = await SendAsync(first, token, proof);
                Assert.True(refused.Status == HttpStatusCode.OK, $"{refused.Status} {refused.Code}");
                accepted.Add(proof);
            }
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        await using var second = await StartGatewayAsync(floor: true);
        // Every proof accepted before the restart, still inside its iat window: refused, not accepted a second time.
        foreach (var proof in accepted)
        {
            (await SendAsync(second, token, proof)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.before_replay_floor");
        }
        (await SendAsync(second, token, Proof())).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.before_replay_floor");

        // One window later: fresh proofs pass, the old ones are stale (and were never accepted twice).
        _clock.Advance(TimeSpan.FromSeconds(60));
        var fresh = Proof();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(second, token, fresh)).Status);
        (await SendAsync(second, token, fresh)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.replayed");
        foreach (var proof in accepted) Assert.NotEqual(HttpStatusCode.OK, (await SendAsync(second, token, proof)).Status);
    }

    [Fact]
    public async Task Without_the_floor_a_restart_forgets_and_the_same_proof_is_accepted_twice()
    {
        // The hole the floor closes, so that the test above cannot pass for another reason.
        var token = _agent.Token(_issuer, _gatewayUrl);
        var proof = Proof();
        await using (var first = await StartGatewayAsync(floor: false))
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(first, token, proof)).Status);
        }
        await using var second = await StartGatewayAsync(floor: false);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(second, token, proof)).Status);
    }
}
