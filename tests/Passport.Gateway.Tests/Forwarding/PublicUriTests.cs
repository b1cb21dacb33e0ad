using System.Net;
using System.Net.Http.Json;
using Passport.Gateway.Tests.Infrastructure;

namespace Passport.Gateway.Tests.Forwarding;

/// <summary>htu behind proxies, and server nonces.</summary>
public sealed class PublicUriTests : IAsyncLifetime
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

    private static HttpRequestMessage Forwarded(string url, string token, string proof)
    {
        var request = TestAgent.Request(HttpMethod.Get, url, token, proof);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", "api.example.test");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        return request;
    }

    [Fact]
    public async Task Forwarded_host_from_a_trusted_proxy_defines_htu()
    {
        await using var gateway = await GatewayHost.StartAsync(_issuer.BaseUrl, _upstream.BaseUrl, s => s["Passport:TrustedProxies:0"] = "127.0.0.1");
        var agent = new TestAgent();
        var token = agent.Token(_issuer, gateway.BaseUrl);
        using var ok = await gateway.Client.SendAsync(Forwarded(gateway.BaseUrl + "/x", token, agent.Proof(HttpMethod.Get, "https://api.example.test/x")));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Forwarded_host_from_an_untrusted_client_is_ignored()
    {
        await using var gateway = await GatewayHost.StartAsync(_issuer.BaseUrl, _upstream.BaseUrl);
        var agent = new TestAgent();
        var token = agent.Token(_issuer, gateway.BaseUrl);
        using var refused = await gateway.Client.SendAsync(Forwarded(gateway.BaseUrl + "/x", token, agent.Proof(HttpMethod.Get, "https://api.example.test/x")));
        (await Refused.ReadAsync(refused)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.htu_mismatch");
    }

    [Fact]
    public async Task Nonce_required_then_accepted()
    {
        await using var gateway = await GatewayHost.StartAsync(_issuer.BaseUrl, _upstream.BaseUrl, s => s["Passport:Dpop:Nonce:Enabled"] = "true");
        var agent = new TestAgent();
        var token = agent.Token(_issuer, gateway.BaseUrl);
        var url = gateway.BaseUrl + "/x";
        using var first = await gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, url, token, agent.Proof(HttpMethod.Get, url)));
        (await Refused.ReadAsync(first)).AssertIs(HttpStatusCode.Unauthorized, "use_dpop_nonce", "dpop.use_nonce");
        var nonce = first.Headers.GetValues("DPoP-Nonce").Single();
        using var second = await gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, url, token, agent.Proofs.Create("GET", url, nonce: nonce)));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(agent.Did, (await second.Content.ReadFromJsonAsync<EchoResponse>())!.Headers["x-passport-sub"]);
    }
}
