using Passport.Agent.Tests.Host;

namespace Passport.Agent.Tests.Discovery;

public sealed class DiscoveryTests : IAsyncLifetime
{
    private AgentTestContext _context = null!;

    public async Task InitializeAsync() => _context = await AgentTestContext.StartAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task DiscoverAsync_follows_the_401_resource_metadata_to_the_authorization_server()
    {
        var client = new PassportClient(_context.Http);
        var discovery = await client.DiscoverAsync(_context.Server.Url("/resource/orders"));

        Assert.Equal(_context.Server.ResourceAudience, discovery.Resource);
        Assert.Equal(_context.Server.ResourceAudience, discovery.Audience);
        Assert.Equal(_context.Server.Issuer, discovery.Issuer);
        Assert.Equal(_context.Server.Url("/auth/token"), discovery.TokenEndpoint);
        Assert.Equal(_context.Server.Url("/auth/challenge"), discovery.ChallengeEndpoint);
        Assert.Equal(_context.Server.Url("/.well-known/jwks.json"), discovery.JwksUri);
        Assert.True(discovery.FromMetadata);
        Assert.Same(discovery, client.Discovery);
    }

    [Fact]
    public async Task DiscoverIssuerAsync_reads_rfc8414_metadata()
    {
        var client = new PassportClient(_context.Http);
        var discovery = await client.DiscoverIssuerAsync(new Uri(_context.Server.Issuer));
        Assert.Null(discovery.Resource);
        Assert.Equal(_context.Server.Issuer, discovery.Audience);
        Assert.Equal(_context.Server.Url("/auth/token/exchange"), discovery.TokenExchangeEndpoint);
        Assert.Equal(_context.Server.Url("/api/delegations"), discovery.DelegationEndpoint);
        Assert.Equal(["EdDSA"], discovery.DpopSigningAlgorithms);
    }

    [Fact]
    public async Task Discovery_falls_back_to_seeds_paths_when_metadata_is_absent()
    {
        _context.Server.ServeAuthorizationServerMetadata = false;
        var client = new PassportClient(_context.Http);
        var discovery = await client.DiscoverIssuerAsync(new Uri(_context.Server.Issuer));
        Assert.False(discovery.FromMetadata);
        Assert.Equal(_context.Server.Url("/auth/token"), discovery.TokenEndpoint);
        Assert.Equal(_context.Server.Url("/auth/register"), discovery.RegistrationEndpoint);
        Assert.Equal(_context.Server.Url("/auth/claim"), discovery.ClaimEndpoint);
    }

    [Fact]
    public async Task DiscoverAsync_on_an_unprotected_url_fails_with_a_code()
    {
        var client = new PassportClient(_context.Http);
        var error = await Assert.ThrowsAsync<PassportAgentException>(() => client.DiscoverAsync(_context.Server.Url("/open")));
        Assert.Equal(AgentErrorCodes.DiscoveryFailed, error.Code);
    }

    [Fact]
    public async Task Calls_without_a_known_issuer_fail_with_issuer_unknown()
    {
        using var identity = AgentIdentity.Generate();
        var client = new PassportClient(_context.Http, identity);
        var error = await Assert.ThrowsAsync<PassportAgentException>(() => client.GetTokenAsync());
        Assert.Equal(AgentErrorCodes.IssuerUnknown, error.Code);
    }

    [Fact]
    public async Task A_registered_identity_discovers_its_issuer_by_itself()
    {
        var registered = await _context.NewRegisteredClientAsync();
        var client = new PassportClient(_context.Http, registered.Identity);
        var token = await client.GetTokenAsync();
        Assert.Equal(_context.Server.Issuer, token.Audience);
    }
}
