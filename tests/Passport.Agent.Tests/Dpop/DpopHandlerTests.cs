using System.Net;
using Passport.Agent.Tests.Host;
using Passport.Core.Dpop;

namespace Passport.Agent.Tests.Dpop;

public sealed class DpopHandlerTests : IAsyncLifetime
{
    private AgentTestContext _context = null!;

    public async Task InitializeAsync() => _context = await AgentTestContext.StartAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private async Task<(PassportClient Client, HttpClient Http)> ResourceClientAsync(DpopAuthorizationScheme scheme = DpopAuthorizationScheme.DPoP)
    {
        var client = await _context.NewRegisteredClientAsync();
        var handler = new DpopHandler(client.Identity!.KeyPair, client.CreateTokenProvider(_context.Server.ResourceAudience),
            new HttpClientHandler(), new DpopHandlerOptions { Scheme = scheme });
        return (client, new HttpClient(handler));
    }

    [Fact]
    public async Task Adds_authorization_and_a_proof_the_resource_accepts()
    {
        var (_, http) = await ResourceClientAsync();
        using var response = await http.GetAsync(_context.Server.Url("/resource/orders?page=2"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DPoP", Assert.Single(_context.Server.ResourceRequests).Scheme);
    }

    [Fact]
    public async Task Every_request_gets_a_fresh_proof_with_a_new_jti()
    {
        var (_, http) = await ResourceClientAsync();
        for (var i = 0; i < 5; i++)
        {
            using var response = await http.GetAsync(_context.Server.Url("/resource/orders"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var jtis = _context.Server.ResourceRequests.Select(r => r.Jti).ToArray();
        Assert.Equal(5, jtis.Distinct().Count());
    }

    [Fact]
    public async Task Proofs_carry_ath_of_the_presented_token()
    {
        var (_, http) = await ResourceClientAsync();
        using var response = await http.GetAsync(_context.Server.Url("/resource/orders"));
        var seen = Assert.Single(_context.Server.ResourceRequests);
        Assert.Equal(AccessTokenHash.Compute(seen.Token), seen.Ath);
    }

    [Fact]
    public async Task Bearer_scheme_option_sends_bearer()
    {
        var (_, http) = await ResourceClientAsync(DpopAuthorizationScheme.Bearer);
        using var response = await http.GetAsync(_context.Server.Url("/resource/orders"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(_context.Server.ResourceRequests).Scheme);
    }

    [Fact]
    public async Task Retries_once_with_the_server_nonce_on_use_dpop_nonce()
    {
        _context.Server.RequireResourceNonce = true;
        var (_, http) = await ResourceClientAsync();
        using var response = await http.GetAsync(_context.Server.Url("/resource/orders"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_context.Server.CurrentNonce, Assert.Single(_context.Server.ResourceRequests).Nonce);
    }

    [Fact]
    public async Task Nonce_retry_resends_the_request_body()
    {
        _context.Server.RequireResourceNonce = true;
        var (_, http) = await ResourceClientAsync();
        using var content = new StringContent("{\"item\":\"tea\"}", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(_context.Server.Url("/resource/orders"), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"item\":\"tea\"}", Assert.Single(_context.Server.ResourceRequests).Body);
    }

    [Fact]
    public async Task Remembers_the_nonce_for_later_requests()
    {
        _context.Server.RequireResourceNonce = true;
        var (_, http) = await ResourceClientAsync();
        using (await http.GetAsync(_context.Server.Url("/resource/a")))
        {
        }
        using var second = await http.GetAsync(_context.Server.Url("/resource/b"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.All(_context.Server.ResourceRequests, r => Assert.Equal(_context.Server.CurrentNonce, r.Nonce));
    }

    [Fact]
    public async Task A_nonce_that_keeps_changing_is_retried_only_once()
    {
        _context.Server.RequireResourceNonce = true;
        var client = await _context.NewRegisteredClientAsync();
        var handler = new DpopHandler(client.Identity!.KeyPair, client.CreateTokenProvider(_context.Server.ResourceAudience), new RotatingNonceHandler(_context.Server));
        using var http = new HttpClient(handler);
        using var response = await http.GetAsync(_context.Server.Url("/resource/orders"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("use_dpop_nonce", WwwAuthenticateChallenge.FindError(response));
    }

    [Fact]
    public async Task Reacquires_the_token_once_on_invalid_token()
    {
        var (_, http) = await ResourceClientAsync();
        using (await http.GetAsync(_context.Server.Url("/resource/a")))
        {
        }
        var issued = _context.Server.TokensIssued;
        _context.Server.InvalidateIssuedTokens();

        using var response = await http.GetAsync(_context.Server.Url("/resource/b"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(issued + 1, _context.Server.TokensIssued);
    }

    [Fact]
    public async Task A_token_that_stays_invalid_is_refreshed_only_once()
    {
        var client = await _context.NewRegisteredClientAsync();
        var token = (await client.GetTokenAsync(_context.Server.ResourceAudience)).Token;
        _context.Server.InvalidateIssuedTokens();
        var calls = new List<bool>();
        var provider = new DelegateTokenProvider((force, _) =>
        {
            calls.Add(force);
            return ValueTask.FromResult(token);
        });
        using var http = new HttpClient(new DpopHandler(client.Identity!.KeyPair, provider, new HttpClientHandler()));
        using var response = await http.GetAsync(_context.Server.Url("/resource/orders"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal([false, true], calls);
    }

    [Fact]
    public async Task Without_a_token_the_resource_challenges_with_resource_metadata()
    {
        using var response = await _context.Http.GetAsync(_context.Server.Url("/resource/orders"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(WwwAuthenticateChallenge.FromResponse(response));
        Assert.Equal(_context.Server.Issuer + "/.well-known/oauth-protected-resource/resource", challenge.ResourceMetadata);
    }

    [Fact]
    public async Task Works_with_the_client_factory_helper_and_a_discovered_audience()
    {
        var client = await _context.NewRegisteredClientAsync();
        var discovery = await client.DiscoverAsync(_context.Server.Url("/resource/orders"));
        using var http = new HttpClient(client.CreateDpopHandler(discovery.Audience, new HttpClientHandler()));
        using var response = await http.DeleteAsync(_context.Server.Url("/resource/orders/7"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DELETE", Assert.Single(_context.Server.ResourceRequests).Method);
    }

    /// <summary>Changes the server nonce after each response so a second nonce retry would also fail.</summary>
    private sealed class RotatingNonceHandler(FakePassportServer server) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            server.CurrentNonce = "nonce-" + Guid.NewGuid().ToString("N");
            return response;
        }
    }
}
