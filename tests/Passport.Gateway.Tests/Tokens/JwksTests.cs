using System.Net;
using Passport.Gateway.Tests.Infrastructure;

namespace Passport.Gateway.Tests.Tokens;

/// <summary>JWKS behaviour: unknown kid refetch (rate-limited), keep serving while the IdP is down, 503 before any key is known.</summary>
public sealed class JwksTests : IAsyncLifetime
{
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

    [Fact]
    public async Task A_new_signing_key_is_picked_up_by_one_refetch_on_unknown_kid()
    {
        await using var gateway = await GatewayHost.StartAsync(_issuer.BaseUrl, _upstream.BaseUrl);
        var agent = new TestAgent();
        _issuer.AddKey("passport-v2", makeCurrent: true);
        var before = _issuer.JwksRequests;
        using var response = await agent.SendAsync(gateway, HttpMethod.Get, "/things", agent.Token(_issuer, gateway.BaseUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before + 1, _issuer.JwksRequests);
    }

    [Fact]
    public async Task Unknown_kids_do_not_hammer_the_idp()
    {
        await using var gateway = await GatewayHost.StartAsync(_issuer.BaseUrl, _upstream.BaseUrl);
        var agent = new TestAgent();
        using var stranger = Passport.Core.Keys.Ed25519KeyPair.Generate();
        var before = _issuer.JwksRequests;
        for (var i = 0; i < 10; i++)
        {
            var token = new Passport.Core.Tokens.PassportTokenIssuer(stranger, "kid-" + i).Issue(agent.Claims(_issuer, gateway.BaseUrl));
            using var response = await agent.SendAsync(gateway, HttpMethod.Get, "/things", token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        Assert.True(_issuer.JwksRequests - before <= 1, $"{_issuer.JwksRequests - before} refetches for 10 unknown kids");
    }

    [Fact]
    public async Task Keeps_serving_with_cached_keys_while_the_idp_is_down()
    {
        await using var gateway = await GatewayHost.StartAsync(_issuer.BaseUrl, _upstream.BaseUrl,
            s => s["Passport:Revocation:Source"] = "None");
        var agent = new TestAgent();
        _issuer.Down = true;
        try
        {
            // A token never seen before still verifies: the keys are cached, not the tokens.
            using var response = await agent.SendAsync(gateway, HttpMethod.Get, "/things", agent.Token(_issuer, gateway.BaseUrl));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            _issuer.Down = false;
        }
    }

    [Fact]
    public async Task Before_any_key_is_loaded_requests_get_503_with_Retry_After()
    {
        _issuer.Down = true;
        try
        {
            await using var gateway = await GatewayHost.StartAsync(_issuer.BaseUrl, _upstream.BaseUrl,
                s => s["Passport:Revocation:Source"] = "None", waitReady: false);
            var agent = new TestAgent();
            using var response = await agent.SendAsync(gateway, HttpMethod.Get, "/things", agent.Token(_issuer, gateway.BaseUrl));
            var refused = await Refused.ReadAsync(response);
            refused.AssertIs(HttpStatusCode.ServiceUnavailable, null, "jwks.unavailable");
            Assert.NotNull(response.Headers.RetryAfter);
            using var ready = await gateway.Client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            _issuer.Down = false;
        }
    }

    [Fact]
    public async Task Revocation_feed_never_synced_fails_closed()
    {
        _issuer.FeedDown = true;
        try
        {
            await using var gateway = await GatewayHost.StartAsync(_issuer.BaseUrl, _upstream.BaseUrl, waitReady: false);
            var agent = new TestAgent();
            var token = agent.Token(_issuer, gateway.BaseUrl);
            Refused? refused = null;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                using var response = await agent.SendAsync(gateway, HttpMethod.Get, "/things", token);
                Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
                refused = await Refused.ReadAsync(response);
                if (refused.Code == "revocation.unavailable") break;
                await Task.Delay(50);
            }
            refused!.AssertIs(HttpStatusCode.ServiceUnavailable, null, "revocation.unavailable");
            _issuer.FeedDown = false;
            await gateway.WaitReadyAsync();
            using var ok = await agent.SendAsync(gateway, HttpMethod.Get, "/things", token);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        finally
        {
            _issuer.FeedDown = false;
        }
    }
}
