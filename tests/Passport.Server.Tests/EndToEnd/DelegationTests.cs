using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Passport.Server.Tests.Hosting;
using Xunit;

namespace Passport.Server.Tests.EndToEnd;

public sealed class DelegationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Host => fixture.Host;

    private async Task<(TestAgent Principal, TestAgent Actor, string GrantId)> GrantAsync(params string[] scope)
    {
        var principal = new TestAgent(Host);
        var actor = new TestAgent(Host);
        await principal.RegisterAndLoginAsync();
        await actor.RegisterAndLoginAsync();
        var grant = await Problem.JsonAsync(await principal.SendAsync(HttpMethod.Post, "/api/delegations", new { actor = actor.Handle, scope }), 201);
        Assert.Equal("ACTIVE", grant.GetProperty("status").GetString());
        Assert.Equal(principal.Handle, grant.GetProperty("principal").GetString());
        return (principal, actor, grant.GetProperty("id").GetString()!);
    }

    private static JsonElement Payload(string jwt) =>
        JsonSerializer.Deserialize<JsonElement>(Encoding.UTF8.GetString(Convert.FromBase64String(Pad(jwt.Split('.')[1]))));

    private static string Pad(string s) => s.Replace('-', '+').Replace('_', '/') + new string('=', (4 - s.Length % 4) % 4);

    [Fact]
    public async Task Actor_exchanges_its_token_for_a_delegation_token_of_seeds_004()
    {
        var (principal, actor, grantId) = await GrantAsync("read:orders", "tool:bash");
        var exchanged = await Problem.JsonAsync(await actor.SendAsync(HttpMethod.Post, "/auth/token/exchange",
            new { principal = principal.Handle, scope = new[] { "read:orders" }, aud = "https://api.example.com" }));
        Assert.Equal(grantId, exchanged.GetProperty("grant_id").GetString());
        var claims = Payload(exchanged.GetProperty("token").GetString()!);
        Assert.Equal(principal.Did.Value, claims.GetProperty("sub").GetString());
        Assert.Equal(principal.Handle, claims.GetProperty("handle").GetString());
        Assert.Equal(actor.Did.Value, claims.GetProperty("act").GetProperty("sub").GetString());
        Assert.Equal(actor.Handle, claims.GetProperty("act").GetProperty("handle").GetString());
        Assert.Equal(["read:orders"], claims.GetProperty("scope").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(actor.Did.Thumbprint, claims.GetProperty("cnf").GetProperty("jkt").GetString());
        Assert.Equal("https://api.example.com", claims.GetProperty("aud").GetString());
        Assert.Equal(grantId, claims.GetProperty("grant_id").GetString());
    }

    [Fact]
    public async Task Exchange_takes_an_rfc8707_resource_below_an_allowed_prefix_as_the_aud()
    {
        var (principal, actor, _) = await GrantAsync("read:orders");
        var exchanged = await Problem.JsonAsync(await actor.SendAsync(HttpMethod.Post, "/auth/token/exchange",
            new { principal = principal.Handle, resource = "https://api.example.com/mcp" }));
        Assert.Equal("https://api.example.com/mcp", Payload(exchanged.GetProperty("token").GetString()!).GetProperty("aud").GetString());
        await Problem.AssertAsync(await actor.SendAsync(HttpMethod.Post, "/auth/token/exchange",
            new { principal = principal.Handle, resource = "https://api.example.com.evil/mcp" }), 400, "invalid_target");
    }

    [Fact]
    public async Task Exchange_without_scope_gets_all_granted_scopes_and_me_shows_the_actor()
    {
        var (principal, actor, _) = await GrantAsync("read:data", "write:data");
        var exchanged = await Problem.JsonAsync(await actor.SendAsync(HttpMethod.Post, "/auth/token/exchange", new { principal = principal.Handle }));
        Assert.Equal(2, exchanged.GetProperty("scope").GetArrayLength());
        var delegated = exchanged.GetProperty("token").GetString()!;
        var me = await Problem.JsonAsync(await actor.SendAsync(HttpMethod.Get, "/me", token: delegated));
        Assert.Equal(principal.Handle, me.GetProperty("handle").GetString());
        Assert.Equal(actor.Handle, me.GetProperty("act").GetProperty("handle").GetString());
    }

    [Fact]
    public async Task Scope_beyond_the_grant_is_403_invalid_scope()
    {
        var (principal, actor, _) = await GrantAsync("read:orders");
        await Problem.AssertAsync(await actor.SendAsync(HttpMethod.Post, "/auth/token/exchange",
            new { principal = principal.Handle, scope = new[] { "write:orders" } }), 403, "invalid_scope");
    }

    [Fact]
    public async Task Exchange_without_a_grant_is_403_no_grant()
    {
        using var a = new TestAgent(Host);
        using var b = new TestAgent(Host);
        await a.RegisterAndLoginAsync();
        await b.RegisterAndLoginAsync();
        await Problem.AssertAsync(await b.SendAsync(HttpMethod.Post, "/auth/token/exchange", new { principal = a.Handle }), 403, "delegation.no_grant");
    }

    [Fact]
    public async Task Delegation_is_not_transitive()
    {
        var (principal, actor, _) = await GrantAsync("read:orders");
        var delegated = (await Problem.JsonAsync(await actor.SendAsync(HttpMethod.Post, "/auth/token/exchange", new { principal = principal.Handle })))
            .GetProperty("token").GetString()!;
        await Problem.AssertAsync(await actor.SendAsync(HttpMethod.Post, "/auth/token/exchange", new { principal = principal.Handle }, token: delegated),
            403, "delegation.not_transitive");
        await Problem.AssertAsync(await actor.SendAsync(HttpMethod.Post, "/api/delegations", new { actor = principal.Handle, scope = new[] { "x" } }, token: delegated),
            403, "delegation.not_transitive");
    }

    [Fact]
    public async Task Revoking_the_grant_refuses_its_tokens_and_publishes_grant_revoked()
    {
        var (principal, actor, grantId) = await GrantAsync("read:orders");
        var delegated = (await Problem.JsonAsync(await actor.SendAsync(HttpMethod.Post, "/auth/token/exchange", new { principal = principal.Handle })))
            .GetProperty("token").GetString()!;
        var listed = await Problem.JsonAsync(await actor.SendAsync(HttpMethod.Get, "/api/delegations"));
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == grantId);

        Assert.Equal(204, (int)(await principal.SendAsync(HttpMethod.Delete, "/api/delegations/" + grantId)).StatusCode);
        await Problem.AssertAsync(await actor.SendAsync(HttpMethod.Get, "/me", token: delegated), 403, "grant.revoked");
        await Problem.AssertAsync(await actor.SendAsync(HttpMethod.Post, "/auth/token/exchange", new { principal = principal.Handle }), 403, "delegation.no_grant");

        var feed = await Host.Client.GetFromJsonAsync<JsonElement>("/api/revocations?since=0&limit=1000");
        var revoked = feed.GetProperty("events").EnumerateArray().Single(e => e.TryGetProperty("grantId", out var g) && g.GetString() == grantId);
        Assert.Equal("grant_revoked", revoked.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Only_the_principal_can_delete_a_grant()
    {
        var (_, actor, grantId) = await GrantAsync("read:orders");
        await Problem.AssertAsync(await actor.SendAsync(HttpMethod.Delete, "/api/delegations/" + grantId), 404, "delegation.not_found");
    }

    [Fact]
    public async Task Grant_refuses_self_unknown_actor_and_missing_scope()
    {
        using var a = new TestAgent(Host);
        await a.RegisterAndLoginAsync();
        await Problem.AssertAsync(await a.SendAsync(HttpMethod.Post, "/api/delegations", new { actor = a.Handle, scope = new[] { "x" } }), 400, "delegation.self");
        await Problem.AssertAsync(await a.SendAsync(HttpMethod.Post, "/api/delegations", new { actor = "no-such-agent", scope = new[] { "x" } }), 404, "record.not_found");
        await Problem.AssertAsync(await a.SendAsync(HttpMethod.Post, "/api/delegations", new { actor = a.Handle }), 400, "request.missing_field");
        await Problem.AssertAsync(await a.SendAsync(HttpMethod.Post, "/api/delegations", new { actor = a.Handle, scope = new[] { "has space" } }), 400, "request.invalid_field");
    }

    [Fact]
    public async Task Owner_can_grant_a_delegation_by_link()
    {
        using var principal = new TestAgent(Host);
        using var actor = new TestAgent(Host);
        var email = OwnerMailbox.NewEmail();
        (await principal.RegisterAsync(email)).EnsureSuccessStatusCode();
        await OwnerMailbox.ClaimAsync(Host, email);
        await actor.RegisterAndLoginAsync();
        var link = await OwnerMailbox.RequestLinkAsync(Host, email, new { handle = principal.Handle, action = "delegate", actor = actor.Handle, scope = new[] { "read:orders" } });
        var approved = await Problem.JsonAsync(await Host.Client.PostAsJsonAsync("/auth/owner/approve", new { token = link }));
        Assert.Equal("ACTIVE", approved.GetProperty("delegation").GetProperty("status").GetString());
        await Problem.JsonAsync(await actor.SendAsync(HttpMethod.Post, "/auth/token/exchange", new { principal = principal.Handle }));
    }
}
