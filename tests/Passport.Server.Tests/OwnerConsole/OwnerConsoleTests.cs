using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Passport.Server.Tests.Hosting;
using Xunit;
using static Passport.Server.Tests.OwnerConsole.OwnerConsoleClient;

namespace Passport.Server.Tests.OwnerConsole;

/// <summary>The owner console over real HTTP: sign-in link, cookie flags, console content, CSRF, IDOR, sign-out, actions through the approval link.</summary>
public sealed class OwnerConsoleTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Host => fixture.Host;

    private async Task<(TestAgent Agent, string Email)> ClaimedAgentAsync()
    {
        var agent = new TestAgent(Host);
        var email = OwnerMailbox.NewEmail();
        (await agent.RegisterAsync(email)).EnsureSuccessStatusCode();
        await OwnerMailbox.ClaimAsync(Host, email);
        return (agent, email);
    }

    [Fact]
    public async Task Sign_in_by_mailed_link_sets_one_strict_cookie_and_shows_the_agents()
    {
        var (agent, email) = await ClaimedAgentAsync();
        using var _ = agent;
        using var owner = new OwnerConsoleClient(Host);
        Assert.Contains("Mail me a sign-in link", await owner.ConsoleHtmlAsync());

        var confirmed = await owner.SignInAsync(email);
        var cookie = confirmed.Headers.GetValues("Set-Cookie").Single().ToLowerInvariant();
        Assert.StartsWith("passport_owner=", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("secure", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Contains("path=/owner", cookie);
        Assert.Equal("/owner", confirmed.Headers.Location?.ToString());

        var html = await owner.ConsoleHtmlAsync();
        Assert.Contains(agent.Handle!, html);
        Assert.Contains("CLAIMED", html);
        Assert.Contains(agent.Did.Value, html);
        // The claim time is stored when the claim link is used (migration 6) and shown beside the registration time.
        Assert.Matches("<td class=\"claimed\"><time datetime=\"[0-9T:.-]+Z\">", html);
    }

    [Fact]
    public async Task Sign_in_link_is_single_use_and_unknown_links_get_a_clear_page()
    {
        var (agent, email) = await ClaimedAgentAsync();
        using var _ = agent;
        using var owner = new OwnerConsoleClient(Host);
        await owner.SignInAsync(email);
        var token = await owner.SignInTokenAsync(email);
        var reused = await owner.PostAsync("/owner/sign-in/confirm", Form(("token", token)));
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("already been used", await reused.Content.ReadAsStringAsync());
        Assert.False(reused.Headers.Contains("Set-Cookie"));
        var unknown = await owner.GetAsync("/owner/sign-in?token=nope");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("not known", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_answer_is_the_same_for_an_address_without_agents_and_mails_nothing()
    {
        var (agent, email) = await ClaimedAgentAsync();
        using var _ = agent;
        using var owner = new OwnerConsoleClient(Host);
        var stranger = OwnerMailbox.NewEmail();
        var known = await owner.PostAsync("/owner/sign-in", Form(("email", email)));
        var unknown = await owner.PostAsync("/owner/sign-in", Form(("email", stranger)));
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        var outbox = await Host.Client.GetFromJsonAsync<JsonElement>("/dev/outbox");
        Assert.DoesNotContain(outbox.GetProperty("messages").EnumerateArray(), m => m.GetProperty("to").GetString() == stranger);
    }

    [Fact]
    public async Task Posts_without_session_or_csrf_token_are_refused_403()
    {
        var (agent, email) = await ClaimedAgentAsync();
        using var _ = agent;
        using var owner = new OwnerConsoleClient(Host);
        await Problem.AssertAsync(await owner.PostAsync($"/owner/agents/{agent.Handle}/revoke", Form()), 403, "owner_session.required");
        await owner.SignInAsync(email);
        await Problem.AssertAsync(await owner.PostAsync($"/owner/agents/{agent.Handle}/revoke", Form()), 403, "owner_session.csrf_invalid");
        await Problem.AssertAsync(await owner.PostAsync($"/owner/agents/{agent.Handle}/revoke", Form(("csrf", "forged"))), 403, "owner_session.csrf_invalid");
        await Problem.AssertAsync(await owner.PostAsync("/owner/sign-out", Form()), 403, "owner_session.csrf_invalid");
        await Problem.AssertAsync(await owner.PostAsync($"/owner/agents/{agent.Handle}/revoke",
            new StringContent("{}", System.Text.Encoding.UTF8, "application/json")), 415, "request.unsupported_media_type");
        Assert.Equal("CLAIMED", (await Host.Client.GetFromJsonAsync<JsonElement>($"/registry/{agent.Handle}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Revoke_from_the_console_goes_through_the_emailed_approval()
    {
        var (agent, email) = await ClaimedAgentAsync();
        using var _ = agent;
        var token = await agent.LoginAsync();
        using var owner = new OwnerConsoleClient(Host);
        await owner.SignInAsync(email);
        var csrf = await owner.CsrfAsync();
        var requested = await owner.PostAsync($"/owner/agents/{agent.Handle}/revoke", Form(("csrf", csrf)));
        Assert.Equal(HttpStatusCode.SeeOther, requested.StatusCode);
        Assert.Equal("/owner?requested=revoke", requested.Headers.Location?.ToString());
        Assert.Contains("Revocation requested", await (await owner.GetAsync("/owner?requested=revoke")).Content.ReadAsStringAsync());
        Assert.Contains($"revoke {agent.Handle}", await owner.ConsoleHtmlAsync());
        Assert.Equal(200, (int)(await agent.SendAsync(HttpMethod.Get, "/me", token: token)).StatusCode);

        var link = OwnerMailbox.TokenOf(await Host.OutboxLastAsync(email));
        await Problem.JsonAsync(await Host.Client.PostAsJsonAsync("/auth/owner/approve", new { token = link }));
        await Problem.AssertAsync(await agent.SendAsync(HttpMethod.Get, "/me", token: token), 403, "passport.revoked");
        var html = await owner.ConsoleHtmlAsync();
        Assert.Contains("REVOKED", html);
        Assert.Contains("record_revoked", html);
    }

    [Fact]
    public async Task Another_owner_cannot_see_or_act_on_the_agents_404_like_an_unknown_handle()
    {
        var (victim, _) = await ClaimedAgentAsync();
        using var v = victim;
        var (mine, attackerEmail) = await ClaimedAgentAsync();
        using var m = mine;
        using var attacker = new OwnerConsoleClient(Host);
        await attacker.SignInAsync(attackerEmail);
        var html = await attacker.ConsoleHtmlAsync();
        Assert.Contains(mine.Handle!, html);
        Assert.DoesNotContain(victim.Handle!, html);
        var csrf = await attacker.CsrfAsync();
        using var newKey = new TestAgent(Host);
        foreach (var action in new[] { "revoke", "rotate", "delegate" })
        {
            var fields = Form(("csrf", csrf), ("newDid", newKey.Did.Value), ("actor", mine.Handle!), ("scope", "read"));
            await Problem.AssertAsync(await attacker.PostAsync($"/owner/agents/{victim.Handle}/{action}", fields), 404, "record.not_found");
            await Problem.AssertAsync(await attacker.PostAsync($"/owner/agents/ghost-agent-0000/{action}", Form(("csrf", csrf))), 404, "record.not_found");
        }
        Assert.Equal("CLAIMED", (await Host.Client.GetFromJsonAsync<JsonElement>($"/registry/{victim.Handle}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Sign_out_ends_the_session_on_the_server()
    {
        var (agent, email) = await ClaimedAgentAsync();
        using var _ = agent;
        using var owner = new OwnerConsoleClient(Host);
        await owner.SignInAsync(email);
        var csrf = await owner.CsrfAsync();
        Assert.Equal(HttpStatusCode.SeeOther, (await owner.PostAsync("/owner/sign-out", Form(("csrf", csrf)))).StatusCode);
        Assert.Contains("Mail me a sign-in link", await owner.ConsoleHtmlAsync());
        await Problem.AssertAsync(await owner.PostAsync($"/owner/agents/{agent.Handle}/revoke", Form(("csrf", csrf))), 403, "owner_session.required");
    }
}
