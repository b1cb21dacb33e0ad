using System.Net;
using System.Net.Http.Json;
using Passport.Gateway.Tests.Infrastructure;

namespace Passport.Gateway.Tests.Forwarding;

/// <summary>
/// The gateway in front of a real upstream that folds header names (Python WSGI on wsgiref): what the app reads from
/// <c>environ</c> as <c>HTTP_X_PASSPORT_*</c> is the gateway's values only, whatever spelling the caller sent.
/// </summary>
public sealed class WsgiUpstreamTests : IAsyncLifetime
{
    private readonly TestAgent _agent = new();
    private TestIssuer _issuer = null!;
    private WsgiUpstream _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _upstream = await WsgiUpstream.StartAsync();
        _gateway = await GatewayHost.StartAsync(_issuer.BaseUrl, _upstream.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private static async Task<Dictionary<string, string>> EnvironAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!;
    }

    private static Dictionary<string, string> PassportKeys(Dictionary<string, string> environ) =>
        environ.Where(e => e.Key.StartsWith("HTTP_X_PASSPORT_", StringComparison.Ordinal)).ToDictionary();

    private static HttpRequestMessage WithSpoofedVariants(HttpRequestMessage request)
    {
        foreach (var variant in IdentityHeaderVariants.OfAll()) request.Headers.TryAddWithoutValidation(variant, "forged");
        return request;
    }

    [Fact]
    public async Task The_upstream_folds_underscore_and_case_variants_into_the_identity_key()
    {
        // Without the gateway: this is the kind of upstream the stripping protects.
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, _upstream.BaseUrl + "/direct");
        request.Headers.TryAddWithoutValidation("X_Passport_Sub", "forged");
        request.Headers.TryAddWithoutValidation("x-passport_handle", "forged");
        using var response = await client.SendAsync(request);
        var environ = await EnvironAsync(response);
        Assert.Equal("forged", environ["HTTP_X_PASSPORT_SUB"]);
        Assert.Equal("forged", environ["HTTP_X_PASSPORT_HANDLE"]);
    }

    [Fact]
    public async Task Authenticated_request_environ_holds_only_the_gateway_values()
    {
        var url = _gateway.BaseUrl + "/things";
        var token = _agent.Token(_issuer, _gateway.BaseUrl);
        using var request = WithSpoofedVariants(TestAgent.Request(HttpMethod.Get, url, token, _agent.Proof(HttpMethod.Get, url)));
        using var response = await _gateway.Client.SendAsync(request);
        var expected = new Dictionary<string, string>
        {
            ["HTTP_X_PASSPORT_SUB"] = _agent.Did,
            ["HTTP_X_PASSPORT_HANDLE"] = _agent.Handle,
            ["HTTP_X_PASSPORT_STATUS"] = "CLAIMED",
            ["HTTP_X_PASSPORT_NAME"] = "Test Agent",
            ["HTTP_X_PASSPORT_JKT"] = _agent.Jkt,
        };
        Assert.Equal(expected.OrderBy(e => e.Key), PassportKeys(await EnvironAsync(response)).OrderBy(e => e.Key));
    }

    [Fact]
    public async Task Delegation_request_environ_holds_only_the_gateway_actor_and_scope()
    {
        var principal = new TestAgent();
        var url = _gateway.BaseUrl + "/orders";
        var token = _agent.DelegationToken(_issuer, _gateway.BaseUrl, principal, ["read:orders"]);
        using var request = WithSpoofedVariants(TestAgent.Request(HttpMethod.Get, url, token, _agent.Proof(HttpMethod.Get, url)));
        using var response = await _gateway.Client.SendAsync(request);
        var environ = PassportKeys(await EnvironAsync(response));
        Assert.Equal(principal.Did, environ["HTTP_X_PASSPORT_SUB"]);
        Assert.Equal(_agent.Did, environ["HTTP_X_PASSPORT_ACTOR"]);
        Assert.Equal(_agent.Handle, environ["HTTP_X_PASSPORT_ACTOR_HANDLE"]);
        Assert.Equal("read:orders", environ["HTTP_X_PASSPORT_SCOPE"]);
        Assert.DoesNotContain(environ.Values, v => v.Contains("forged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Anonymous_route_environ_holds_no_identity_key()
    {
        using var request = WithSpoofedVariants(new HttpRequestMessage(HttpMethod.Get, _gateway.BaseUrl + "/open/page"));
        using var response = await _gateway.Client.SendAsync(request);
        Assert.Empty(PassportKeys(await EnvironAsync(response)));
    }
}
