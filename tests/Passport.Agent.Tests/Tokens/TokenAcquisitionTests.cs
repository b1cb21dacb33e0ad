using Passport.Agent.Tests.Host;
using Passport.Core.Tokens;

namespace Passport.Agent.Tests.Tokens;

public sealed class TokenAcquisitionTests : IAsyncLifetime
{
    private AgentTestContext _context = null!;

    public async Task InitializeAsync() => _context = await AgentTestContext.StartAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task RegisterAsync_assigns_a_handle_and_the_issuer()
    {
        var client = await _context.NewClientAsync();
        var result = await client.RegisterAsync("owner@example.com", "research agent");

        Assert.True(Passport.Core.Identity.Handle.IsValid(result.Handle));
        Assert.Equal(client.Identity!.Did.Value, result.Did);
        Assert.Equal(PassportStatus.Unclaimed, result.Status);
        Assert.Equal(result.Handle, client.Identity.Handle);
        Assert.Equal(_context.Server.Issuer, client.Identity.Issuer);
    }

    [Fact]
    public async Task RegisterAsync_with_a_store_saves_the_registered_identity()
    {
        var store = _context.Store();
        var client = await _context.NewClientAsync(store);
        var result = await client.RegisterAsync(null, "stored agent");
        using var loaded = store.Load();
        Assert.Equal(result.Handle, loaded.Handle);
        Assert.Equal(_context.Server.Issuer, loaded.Issuer);
    }

    [Fact]
    public async Task GetTokenAsync_returns_a_token_bound_to_the_agent_key()
    {
        var client = await _context.NewRegisteredClientAsync();
        var token = await client.GetTokenAsync();

        var claims = Validate(token.Token);
        Assert.Equal(client.Identity!.Did.Value, claims.Subject);
        Assert.Equal(client.Identity.Jkt, claims.Jkt);
        Assert.Equal(_context.Server.Issuer, claims.Audience);
        Assert.Equal(client.Identity.Handle, claims.Handle);
        Assert.Equal("DPoP", token.TokenType);
    }

    [Fact]
    public async Task GetTokenAsync_requests_the_given_audience()
    {
        var client = await _context.NewRegisteredClientAsync();
        var token = await client.GetTokenAsync(_context.Server.ResourceAudience);
        Assert.Equal(_context.Server.ResourceAudience, Validate(token.Token).Audience);
        Assert.Equal(_context.Server.ResourceAudience, token.Audience);
    }

    [Fact]
    public async Task GetTokenAsync_with_a_store_persists_the_token_for_its_audience()
    {
        var store = _context.Store();
        var client = await _context.NewClientAsync(store);
        await client.RegisterAsync();
        var token = await client.GetTokenAsync(_context.Server.ResourceAudience);
        Assert.Equal(token.Token, store.FindToken(_context.Server.ResourceAudience)!.Token);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.TokensPath));
    }

    [Fact]
    public async Task GetTokenAsync_for_an_unregistered_did_maps_the_problem()
    {
        var client = await _context.NewClientAsync();
        var error = await Assert.ThrowsAsync<PassportApiException>(() => client.GetTokenAsync());
        Assert.Equal(404, error.Status);
        Assert.Equal("did.unknown", error.Code);
    }

    [Fact]
    public async Task GetTokenAsync_for_a_disallowed_audience_is_invalid_target()
    {
        var client = await _context.NewRegisteredClientAsync();
        var error = await Assert.ThrowsAsync<PassportApiException>(() => client.GetTokenAsync("https://elsewhere.example"));
        Assert.Equal(400, error.Status);
        Assert.Equal("invalid_target", error.Code);
    }

    [Fact]
    public async Task MeAsync_returns_the_identity_the_idp_sees()
    {
        var client = await _context.NewRegisteredClientAsync();
        var me = await client.MeAsync();
        Assert.Equal(client.Identity!.Handle, me.Handle);
        Assert.Equal(client.Identity.Did.Value, me.Did);
        Assert.Equal(PassportStatus.Unclaimed, me.Status);
    }

    [Fact]
    public async Task ClaimAsync_with_the_emailed_link_sets_claimed()
    {
        var client = await _context.NewRegisteredClientAsync();
        var link = OwnerLink.FindNewest(_context.Server.Outbox, OwnerLink.ClaimPath)!;
        var claimed = await client.ClaimAsync(link);
        Assert.Equal(PassportStatus.Claimed, claimed.Status);
        Assert.Equal(PassportStatus.Claimed, (await client.MeAsync()).Status);
    }

    [Fact]
    public async Task ClaimAsync_twice_maps_the_problem_code()
    {
        var client = await _context.NewRegisteredClientAsync(claimed: true);
        var link = OwnerLink.FindNewest(_context.Server.Outbox, OwnerLink.ClaimPath)!;
        var error = await Assert.ThrowsAsync<PassportApiException>(() => client.ClaimAsync(link));
        Assert.Equal("claim.unknown", error.Code);
    }

    private PassportTokenClaims Validate(string token)
    {
        var jwks = _context.Http.GetStringAsync(_context.Server.Url("/.well-known/jwks.json")).GetAwaiter().GetResult();
        var validator = new PassportTokenValidator(
            new PassportTokenValidationOptions { Issuer = _context.Server.Issuer, Audiences = [_context.Server.Issuer, _context.Server.ResourceAudience] },
            JwksSigningKeys.Parse(jwks));
        var result = validator.Validate(token);
        Assert.True(result.Succeeded, result.Code);
        return result.Claims!;
    }
}
