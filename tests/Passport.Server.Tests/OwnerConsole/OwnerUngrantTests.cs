using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Passport.Server.Tests.Hosting;
using Xunit;
using static Passport.Server.Tests.OwnerConsole.OwnerConsoleClient;

namespace Passport.Server.Tests.OwnerConsole;

/// <summary>Ungrant from the console: through the emailed approval, 409 for a revoked grant, 404 for another owner's grant id (IDOR).</summary>
public sealed class OwnerUngrantTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Host => fixture.Host;

    /// <summary>A CLAIMED principal of a fresh owner that granted <c>read:orders</c> to a new actor agent.</summary>
    private async Task<(TestAgent Principal, TestAgent Actor, string Email, string GrantId)> GrantAsync()
    {
        var principal = new TestAgent(Host);
        var email = OwnerMailbox.NewEmail();
        (await principal.RegisterAsync(email)).EnsureSuccessStatusCode();
        await OwnerMailbox.ClaimAsync(Host, email);
        var actor = new TestAgent(Host);
        await actor.RegisterAndLoginAsync();
        var token = await principal.LoginAsync();
        var created = await Problem.JsonAsync(await principal.SendAsync(HttpMethod.Post, "/api/delegations",
            new { actor = actor.Handle, scope = new[] { "read:orders" } }, token: token), 201);
        return (principal, actor, email, created.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task Ungrant_from_the_console_goes_through_the_emailed_approval_then_409_when_already_revoked()
    {
        var (principal, actor, email, grantId) = await GrantAsync();
        using var p = principal;
        using var a = actor;
        using var owner = new OwnerConsoleClient(Host);
        await owner.SignInAsync(email);
        var csrf = await owner.CsrfAsync();
        Assert.Contains($"Ungrant {grantId}", await owner.ConsoleHtmlAsync());

        var requested = await owner.PostAsync($"/owner/grants/{grantId}/revoke", Form(("csrf", csrf)));
        Assert.Equal(HttpStatusCode.SeeOther, requested.StatusCode);
        Assert.Equal("/owner?requested=ungrant", requested.Headers.Location?.ToString());
        Assert.Contains($"revoke grant {grantId}", await owner.ConsoleHtmlAsync());

        var link = OwnerMailbox.TokenOf(await Host.OutboxLastAsync(email));
        var approved = await Problem.JsonAsync(await Host.Client.PostAsJsonAsync("/auth/owner/approve", new { token = link }));
        Assert.Equal("ungrant", approved.GetProperty("action").GetString());
        Assert.Equal("REVOKED", approved.GetProperty("delegation").GetProperty("status").GetString());

        var feed = await Host.Client.GetFromJsonAsync<JsonElement>("/api/revocations?since=0&limit=500");
        Assert.Contains(feed.GetProperty("events").EnumerateArray(), e => e.GetProperty("grantId").ValueKind == JsonValueKind.String
            && e.GetProperty("grantId").GetString() == grantId);
        await Problem.AssertAsync(await owner.PostAsync($"/owner/grants/{grantId}/revoke", Form(("csrf", csrf))), 409, "delegation.already_revoked");
        Assert.DoesNotContain($"Ungrant {grantId}", await owner.ConsoleHtmlAsync());
    }

    [Fact]
    public async Task Ungrant_link_approved_after_the_grant_was_revoked_is_409()
    {
        var (principal, actor, email, grantId) = await GrantAsync();
        using var p = principal;
        using var a = actor;
        var link = await OwnerMailbox.RequestLinkAsync(Host, email, new { handle = principal.Handle, action = "ungrant", grantId });
        var token = await principal.LoginAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await principal.SendAsync(HttpMethod.Delete, $"/api/delegations/{grantId}", token: token)).StatusCode);

        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/owner/approve", new { token = link }), 409, "delegation.already_revoked");
    }

    [Fact]
    public async Task Another_owner_grant_id_is_404_like_an_unknown_one()
    {
        var (victim, victimActor, _, victimGrant) = await GrantAsync();
        using var v = victim;
        using var va = victimActor;
        var (mine, myActor, attackerEmail, myGrant) = await GrantAsync();
        using var m = mine;
        using var ma = myActor;
        using var attacker = new OwnerConsoleClient(Host);
        await attacker.SignInAsync(attackerEmail);
        var csrf = await attacker.CsrfAsync();
        Assert.DoesNotContain(victimGrant, await attacker.ConsoleHtmlAsync());

        await Problem.AssertAsync(await attacker.PostAsync($"/owner/grants/{victimGrant}/revoke", Form(("csrf", csrf))), 404, "delegation.not_found");
        await Problem.AssertAsync(await attacker.PostAsync("/owner/grants/dg_00000000000000000000000000000000/revoke", Form(("csrf", csrf))), 404, "delegation.not_found");
        await Problem.AssertAsync(await attacker.PostAsync($"/owner/grants/{new string('x', 200)}/revoke", Form(("csrf", csrf))), 404, "delegation.not_found");
        await Problem.AssertAsync(await attacker.PostAsync($"/owner/grants/{myGrant}/revoke", Form()), 403, "owner_session.csrf_invalid");
        // Through the agent-facing request too: a grant of another principal is not this handle's to ungrant.
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/owner/request",
            new { handle = mine.Handle, action = "ungrant", grantId = victimGrant }), 404, "delegation.not_found");
        var grants = await Problem.JsonAsync(await victim.SendAsync(HttpMethod.Get, "/api/delegations", token: await victim.LoginAsync()));
        Assert.Equal("ACTIVE", grants.GetProperty("items")[0].GetProperty("status").GetString());
    }
}
