using System.Net;
using System.Text.Json;
using Passport.Agent.Tests.Host;

namespace Passport.Agent.Tests.Delegation;

public sealed class DelegationTests : IAsyncLifetime
{
    private AgentTestContext _context = null!;

    public async Task InitializeAsync() => _context = await AgentTestContext.StartAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Grant_then_exchange_yields_a_delegation_token_the_resource_accepts()
    {
        var principal = await _context.NewRegisteredClientAsync();
        var actor = await _context.NewRegisteredClientAsync();
        var grant = await principal.GrantAsync(actor.Identity!.Handle!, ["read:orders", "write:orders"]);
        Assert.Equal("ACTIVE", grant.Status);

        var token = await actor.ExchangeAsync(principal.Identity!.Handle!, ["read:orders"], _context.Server.ResourceAudience);
        Assert.True(token.IsDelegation);
        Assert.Equal(grant.Id, token.GrantId);
        Assert.Equal(["read:orders"], token.Scope);

        using var http = new HttpClient(new DpopHandler(actor.Identity.KeyPair, DelegateTokenProvider.Fixed(token.Token), new HttpClientHandler()));
        using var response = await http.GetAsync(_context.Server.Url("/resource/orders"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(principal.Identity.Handle, body.RootElement.GetProperty("handle").GetString());
        Assert.Equal(actor.Identity.Handle, body.RootElement.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task ListGrants_shows_grants_to_principal_and_actor()
    {
        var principal = await _context.NewRegisteredClientAsync();
        var actor = await _context.NewRegisteredClientAsync();
        var grant = await principal.GrantAsync(actor.Identity!.Handle!, ["read:orders"]);
        Assert.Equal(grant.Id, Assert.Single(await principal.ListGrantsAsync()).Id);
        Assert.Equal(principal.Identity!.Handle, Assert.Single(await actor.ListGrantsAsync()).Principal);
    }

    [Fact]
    public async Task RevokeGrant_stops_the_exchange_with_no_grant()
    {
        var principal = await _context.NewRegisteredClientAsync();
        var actor = await _context.NewRegisteredClientAsync();
        var grant = await principal.GrantAsync(actor.Identity!.Handle!, ["read:orders"]);
        await principal.RevokeGrantAsync(grant.Id);

        var error = await Assert.ThrowsAsync<PassportApiException>(() => actor.ExchangeAsync(principal.Identity!.Handle!));
        Assert.Equal(403, error.Status);
        Assert.Equal("delegation.no_grant", error.Code);
    }

    [Fact]
    public async Task Exchange_for_an_ungranted_scope_is_invalid_scope()
    {
        var principal = await _context.NewRegisteredClientAsync();
        var actor = await _context.NewRegisteredClientAsync();
        await principal.GrantAsync(actor.Identity!.Handle!, ["read:orders"]);
        var error = await Assert.ThrowsAsync<PassportApiException>(() => actor.ExchangeAsync(principal.Identity!.Handle!, ["write:orders"]));
        Assert.Equal("invalid_scope", error.Code);
    }

    [Fact]
    public async Task Grant_to_an_unknown_actor_maps_404()
    {
        var principal = await _context.NewRegisteredClientAsync();
        var error = await Assert.ThrowsAsync<PassportApiException>(() => principal.GrantAsync("nobody-at-all", ["read:orders"]));
        Assert.Equal(404, error.Status);
        Assert.Equal("handle.unknown", error.Code);
    }
}
