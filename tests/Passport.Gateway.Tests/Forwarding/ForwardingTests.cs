using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Passport.Gateway.Tests.Infrastructure;

namespace Passport.Gateway.Tests.Forwarding;

/// <summary>What reaches the upstream: identity headers, no credentials, never a forged X-Passport-* header.</summary>
public sealed class ForwardingTests(GatewayStack stack) : IClassFixture<GatewayStack>
{
    private readonly TestAgent _agent = new();

    private async Task<EchoResponse> EchoAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<EchoResponse>())!;
    }

    [Fact]
    public async Task Valid_request_reaches_upstream_with_identity_headers_and_without_credentials()
    {
        var token = _agent.Token(stack.Issuer, stack.Audience);
        using var response = await _agent.SendAsync(stack.Gateway, HttpMethod.Get, "/things?x=1", token);
        var echo = await EchoAsync(response);
        Assert.Equal("/things?x=1", echo.Path);
        Assert.Equal(_agent.Did, echo.Headers["x-passport-sub"]);
        Assert.Equal(_agent.Handle, echo.Headers["x-passport-handle"]);
        Assert.Equal("CLAIMED", echo.Headers["x-passport-status"]);
        Assert.Equal("Test Agent", echo.Headers["x-passport-name"]);
        Assert.Equal(_agent.Jkt, echo.Headers["x-passport-jkt"]);
        Assert.False(echo.Headers.ContainsKey("x-passport-actor"));
        Assert.False(echo.Headers.ContainsKey("authorization"));
        Assert.False(echo.Headers.ContainsKey("dpop"));
        Assert.Equal("http", echo.Headers["x-forwarded-proto"]);
    }

    [Fact]
    public async Task Bearer_scheme_as_in_seeds_004_is_accepted()
    {
        var token = _agent.Token(stack.Issuer, stack.Audience);
        using var response = await _agent.SendAsync(stack.Gateway, HttpMethod.Get, "/things", token, scheme: "Bearer");
        Assert.Equal(_agent.Did, (await EchoAsync(response)).Headers["x-passport-sub"]);
    }

    [Fact]
    public async Task Forged_identity_headers_never_reach_upstream()
    {
        var token = _agent.Token(stack.Issuer, stack.Audience);
        var url = stack.Gateway.BaseUrl + "/things";
        var request = TestAgent.Request(HttpMethod.Get, url, token, _agent.Proof(HttpMethod.Get, url));
        request.Headers.TryAddWithoutValidation("X-Passport-Sub", "did:key:forged");
        request.Headers.TryAddWithoutValidation("X-Passport-Scope", "admin");
        request.Headers.TryAddWithoutValidation("x-passport-actor", "did:key:forged");
        request.Headers.TryAddWithoutValidation("X-PASSPORT-Whatever", "1");
        using var response = await stack.Gateway.Client.SendAsync(request);
        var echo = await EchoAsync(response);
        Assert.Equal(_agent.Did, echo.Headers["x-passport-sub"]);
        Assert.False(echo.Headers.ContainsKey("x-passport-scope"));
        Assert.False(echo.Headers.ContainsKey("x-passport-actor"));
        Assert.False(echo.Headers.ContainsKey("x-passport-whatever"));
    }

    [Fact]
    public async Task Anonymous_route_is_open_but_still_strips_forged_headers()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/open/page");
        request.Headers.TryAddWithoutValidation("X-Passport-Sub", "did:key:forged");
        request.Headers.TryAddWithoutValidation("X-Passport-Handle", "admin");
        using var response = await stack.Gateway.Client.SendAsync(request);
        var echo = await EchoAsync(response);
        Assert.DoesNotContain(echo.Headers.Keys, k => k.StartsWith("x-passport-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forward_credentials_route_keeps_Authorization_and_DPoP()
    {
        var token = _agent.Token(stack.Issuer, stack.Audience);
        using var response = await _agent.SendAsync(stack.Gateway, HttpMethod.Get, "/creds/x", token);
        var echo = await EchoAsync(response);
        Assert.Equal("DPoP " + token, echo.Headers["authorization"]);
        Assert.True(echo.Headers.ContainsKey("dpop"));
    }

    [Fact]
    public async Task Delegation_token_with_the_scope_reaches_upstream_with_actor_headers()
    {
        var principal = new TestAgent();
        var token = _agent.DelegationToken(stack.Issuer, stack.Audience, principal, ["read:orders", "tool:bash"]);
        using var response = await _agent.SendAsync(stack.Gateway, HttpMethod.Get, "/orders", token);
        var echo = await EchoAsync(response);
        Assert.Equal(principal.Did, echo.Headers["x-passport-sub"]);
        Assert.Equal(principal.Handle, echo.Headers["x-passport-handle"]);
        Assert.Equal(_agent.Did, echo.Headers["x-passport-actor"]);
        Assert.Equal(_agent.Handle, echo.Headers["x-passport-actor-handle"]);
        Assert.Equal("read:orders tool:bash", echo.Headers["x-passport-scope"]);
        Assert.Equal(_agent.Jkt, echo.Headers["x-passport-jkt"]);
    }

    [Fact]
    public async Task Self_token_passes_a_scoped_route_by_default()
    {
        var token = _agent.Token(stack.Issuer, stack.Audience);
        using var response = await _agent.SendAsync(stack.Gateway, HttpMethod.Post, "/orders", token);
        Assert.Equal("POST", (await EchoAsync(response)).Method);
    }

    [Fact]
    public async Task Non_ascii_name_is_percent_encoded()
    {
        var token = stack.Issuer.Issuer.Issue(_agent.Claims(stack.Issuer, stack.Audience) with { Name = "Agent Zoë\r\nX-Evil: 1" });
        using var response = await _agent.SendAsync(stack.Gateway, HttpMethod.Get, "/things", token);
        var echo = await EchoAsync(response);
        Assert.Equal("UTF-8''Agent%20Zo%C3%AB%0D%0AX-Evil%3A%201", echo.Headers["x-passport-name"]);
        Assert.False(echo.Headers.ContainsKey("x-evil"));
    }

    [Fact]
    public async Task Protected_resource_metadata_points_at_the_idp()
    {
        using var doc = JsonDocument.Parse(await stack.Gateway.Client.GetStringAsync("/.well-known/oauth-protected-resource"));
        var root = doc.RootElement;
        Assert.Equal(stack.Gateway.BaseUrl, root.GetProperty("resource").GetString());
        Assert.Equal(stack.Issuer.BaseUrl, root.GetProperty("authorization_servers")[0].GetString());
        Assert.Equal(stack.Issuer.BaseUrl + "/.well-known/jwks.json", root.GetProperty("jwks_uri").GetString());
        Assert.Equal(stack.Issuer.BaseUrl + "/auth.md", root.GetProperty("resource_documentation").GetString());
        Assert.Equal("EdDSA", root.GetProperty("dpop_signing_alg_values_supported")[0].GetString());
        Assert.True(root.GetProperty("dpop_bound_access_tokens_required").GetBoolean());
    }

    [Fact]
    public async Task Health_and_readiness_are_open()
    {
        using var health = await stack.Gateway.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var ready = await stack.Gateway.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Fifty_parallel_requests_with_one_proof_yield_exactly_one_200()
    {
        var token = _agent.Token(stack.Issuer, stack.Audience);
        var url = stack.Gateway.BaseUrl + "/things";
        var proof = _agent.Proof(HttpMethod.Get, url);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await stack.Gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, url, token, proof));
            return response.StatusCode;
        }));
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(49, statuses.Count(s => s == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Unknown_paths_are_not_revealed_without_credentials()
    {
        using var response = await stack.Gateway.Client.GetAsync("/.hidden/anything");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
