using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InAppApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Passport.Server.Tests.Hosting;
using Passport.Testing;
using Xunit;

namespace Passport.Server.Tests.InAppApi;

/// <summary>
/// samples/InAppApi end to end with the real IdP: an API that verifies Passport callers in-app with <c>AddPassport</c>
/// (the gateway's verifier), keys from the IdP's JWKS, memory replay.
/// </summary>
public sealed class InAppApiTests : IAsyncLifetime
{
    private readonly string _apiUrl = $"http://127.0.0.1:{FreePort.Get()}";
    private ServerHost _idp = null!;
    private WebApplication _api = null!;
    private readonly HttpClient _client = new();

    public async Task InitializeAsync()
    {
        _idp = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Passport:Audiences:0"] = _apiUrl });
        _api = InAppApp.Build([$"--urls={_apiUrl}"], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InAppApi:Issuer"] = _idp.Issuer,
            ["InAppApi:PublicOrigin"] = _apiUrl,
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await _api.StartAsync();
        for (var i = 0; i < 200; i++)
        {
            using var health = await _client.GetAsync(_apiUrl + "/healthz");
            if (health.IsSuccessStatusCode) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("The in-app API never loaded the IdP's JWKS.");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.StopAsync();
        await _api.DisposeAsync();
        await _idp.DisposeAsync();
    }

    private HttpRequestMessage Request(TestAgent agent, HttpMethod method, string path, string? token, string? proof = null)
    {
        var request = new HttpRequestMessage(method, _apiUrl + path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token);
            request.Headers.Add("DPoP", proof ?? agent.Proofs.Create(method.Method, _apiUrl + path, token));
        }
        return request;
    }

    [Fact]
    public async Task Fresh_proof_is_accepted_and_the_caller_is_the_token_subject()
    {
        using var agent = new TestAgent(_idp);
        await agent.RegisterAsync();
        var token = await agent.LoginAsync(aud: _apiUrl);
        using var response = await _client.SendAsync(Request(agent, HttpMethod.Get, "/whoami", token));
        var body = await Problem.JsonAsync(response);
        Assert.Equal(agent.Did.Value, body.GetProperty("sub").GetString());
        Assert.Equal(agent.Handle, body.GetProperty("handle").GetString());
        Assert.Equal(0, body.GetProperty("scope").GetArrayLength());
    }

    [Fact]
    public async Task Replayed_proof_is_refused()
    {
        using var agent = new TestAgent(_idp);
        await agent.RegisterAsync();
        var token = await agent.LoginAsync(aud: _apiUrl);
        var proof = agent.Proofs.Create("GET", _apiUrl + "/whoami", token);
        using (var first = await _client.SendAsync(Request(agent, HttpMethod.Get, "/whoami", token, proof)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        using var replayed = await _client.SendAsync(Request(agent, HttpMethod.Get, "/whoami", token, proof));
        await Problem.AssertAsync(replayed, 401, "dpop.replayed");
        Assert.Contains("error=\"invalid_dpop_proof\"", replayed.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task No_credentials_is_401_with_both_challenges_and_a_problem()
    {
        using var response = await _client.GetAsync(_apiUrl + "/whoami");
        await Problem.AssertAsync(response, 401, "credentials.missing");
        var challenges = response.Headers.WwwAuthenticate.Select(c => c.ToString()).ToArray();
        Assert.Equal(2, challenges.Length);
        Assert.All(challenges, c => Assert.Contains($"resource_metadata=\"{_apiUrl}/.well-known/oauth-protected-resource\"", c));
        Assert.DoesNotContain(challenges, c => c.Contains("error="));
    }

    [Fact]
    public async Task Token_for_another_audience_is_refused()
    {
        using var agent = new TestAgent(_idp);
        await agent.RegisterAsync();
        var token = await agent.LoginAsync(); // aud = the IdP itself
        using var response = await _client.SendAsync(Request(agent, HttpMethod.Get, "/whoami", token));
        await Problem.AssertAsync(response, 401, "token.invalid_audience");
    }

    [Fact]
    public async Task Delegation_token_without_the_scope_is_403_insufficient_scope_and_with_it_is_allowed()
    {
        using var principal = new TestAgent(_idp);
        using var actor = new TestAgent(_idp);
        await principal.RegisterAndLoginAsync();
        await actor.RegisterAndLoginAsync();
        await Problem.JsonAsync(await principal.SendAsync(HttpMethod.Post, "/api/delegations", new { actor = actor.Handle, scope = new[] { "orders:read", InAppApp.WriteScope } }), 201);

        var readOnly = await ExchangeAsync(actor, principal, "orders:read");
        using var refused = await _client.SendAsync(Request(actor, HttpMethod.Post, "/orders", readOnly));
        await Problem.AssertAsync(refused, 403, "scope.insufficient");
        var challenge = refused.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"insufficient_scope\"", challenge);
        Assert.Contains($"scope=\"{InAppApp.WriteScope}\"", challenge);

        var write = await ExchangeAsync(actor, principal, InAppApp.WriteScope);
        using var allowed = await _client.SendAsync(Request(actor, HttpMethod.Post, "/orders", write));
        var created = await Problem.JsonAsync(allowed, 201);
        Assert.Equal(actor.Handle, created.GetProperty("by").GetString());
        Assert.Equal(principal.Handle, created.GetProperty("onBehalfOf").GetString());
    }

    private async Task<string> ExchangeAsync(TestAgent actor, TestAgent principal, string scope)
    {
        var exchanged = await Problem.JsonAsync(await actor.SendAsync(HttpMethod.Post, "/auth/token/exchange", new { principal = principal.Handle, scope = new[] { scope }, aud = _apiUrl }));
        return exchanged.GetProperty("token").GetString()!;
    }
}
