using System.Net.Http.Json;
using System.Text.Json;
using Passport.Server.Tests.Hosting;
using Xunit;

namespace Passport.Server.Tests.EndToEnd;

/// <summary>register → claim via outbox → token → /me → owner rotate via link → old token 401 → revoke via link → 403.</summary>
public sealed class OwnerLifecycleTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Host => fixture.Host;

    [Fact]
    public async Task Full_lifecycle_over_real_http()
    {
        using var agent = new TestAgent(Host);
        var email = OwnerMailbox.NewEmail();
        (await agent.RegisterAsync(email)).EnsureSuccessStatusCode();
        await OwnerMailbox.ClaimAsync(Host, email);
        var oldToken = await agent.LoginAsync();
        Assert.Equal(200, (int)(await agent.SendAsync(HttpMethod.Get, "/me")).StatusCode);

        using var newKey = new TestAgent(Host);
        var link = await OwnerMailbox.RequestLinkAsync(Host, email, new { handle = agent.Handle, action = "rotate", newDid = newKey.Did.Value });
        var page = await Host.Client.GetAsync("/owner/approve?token=" + Uri.EscapeDataString(link));
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Contains("rotate", await page.Content.ReadAsStringAsync());

        var nonce = await newKey.ChallengeAsync();
        var approved = await Problem.JsonAsync(await Host.Client.PostAsJsonAsync("/auth/owner/approve",
            new { token = link, proof = new { nonce, signature = newKey.Sign(nonce) } }));
        Assert.Equal("rotate", approved.GetProperty("action").GetString());
        Assert.Equal(newKey.Did.Value, approved.GetProperty("did").GetString());

        var refused = await agent.SendAsync(HttpMethod.Get, "/me", token: oldToken);
        await Problem.AssertAsync(refused, 401, "passport.rotated");
        Assert.Contains("error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString());

        var newToken = await newKey.LoginAsync();
        var me = await Problem.JsonAsync(await newKey.SendAsync(HttpMethod.Get, "/me"));
        Assert.Equal(agent.Handle, me.GetProperty("handle").GetString());
        Assert.Equal(newKey.Did.Value, me.GetProperty("did").GetString());

        var revokeLink = await OwnerMailbox.RequestLinkAsync(Host, email, new { handle = agent.Handle, action = "revoke" });
        await Problem.JsonAsync(await Host.Client.PostAsJsonAsync("/auth/owner/approve", new { token = revokeLink }));
        var revoked = await newKey.SendAsync(HttpMethod.Get, "/me", token: newToken);
        await Problem.AssertAsync(revoked, 403, "passport.revoked");

        var feed = await Host.Client.GetFromJsonAsync<JsonElement>("/api/revocations?since=0");
        var events = feed.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("handle").GetString() == agent.Handle).ToList();
        Assert.Equal(["did_rotated", "record_revoked"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(agent.Did.Value, events[0].GetProperty("did").GetString());
        Assert.Equal(newKey.Did.Value, events[0].GetProperty("newDid").GetString());
        Assert.Equal(newKey.Did.Value, events[1].GetProperty("did").GetString());

        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/challenge", new { did = newKey.Did.Value }), 403, "passport.revoked");
    }

    [Fact]
    public async Task Owner_link_is_single_use()
    {
        using var agent = new TestAgent(Host);
        var email = OwnerMailbox.NewEmail();
        (await agent.RegisterAsync(email)).EnsureSuccessStatusCode();
        await OwnerMailbox.ClaimAsync(Host, email);
        var link = await OwnerMailbox.RequestLinkAsync(Host, email, new { handle = agent.Handle, action = "revoke" });
        await Problem.JsonAsync(await Host.Client.PostAsJsonAsync("/auth/owner/approve", new { token = link }));
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/owner/approve", new { token = link }), 400, "owner_link.used");
    }

    [Fact]
    public async Task Rejected_link_changes_nothing_and_cannot_be_approved()
    {
        using var agent = new TestAgent(Host);
        var email = OwnerMailbox.NewEmail();
        (await agent.RegisterAsync(email)).EnsureSuccessStatusCode();
        await OwnerMailbox.ClaimAsync(Host, email);
        var link = await OwnerMailbox.RequestLinkAsync(Host, email, new { handle = agent.Handle, action = "revoke" });
        await Problem.JsonAsync(await Host.Client.PostAsJsonAsync("/auth/owner/reject", new { token = link }));
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/owner/approve", new { token = link }), 400, "owner_link.used");
        var record = await Host.Client.GetFromJsonAsync<JsonElement>($"/registry/{agent.Handle}");
        Assert.Equal("CLAIMED", record.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Rotation_without_proof_of_the_new_key_is_refused_and_keeps_the_link()
    {
        using var agent = new TestAgent(Host);
        using var newKey = new TestAgent(Host);
        var email = OwnerMailbox.NewEmail();
        (await agent.RegisterAsync(email)).EnsureSuccessStatusCode();
        await OwnerMailbox.ClaimAsync(Host, email);
        var link = await OwnerMailbox.RequestLinkAsync(Host, email, new { handle = agent.Handle, action = "rotate", newDid = newKey.Did.Value });
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/owner/approve", new { token = link }), 400, "owner.proof_required");

        var nonce = await newKey.ChallengeAsync();
        var wrongSigner = agent.Sign(nonce);
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/owner/approve",
            new { token = link, proof = new { nonce, signature = wrongSigner } }), 400, "signature.invalid");
        await Problem.JsonAsync(await Host.Client.PostAsJsonAsync("/auth/owner/approve",
            new { token = link, proof = new { nonce, signature = newKey.Sign(nonce) } }));
    }

    [Fact]
    public async Task Owner_request_refuses_unclaimed_unknown_and_bad_actions()
    {
        using var agent = new TestAgent(Host);
        (await agent.RegisterAsync(OwnerMailbox.NewEmail())).EnsureSuccessStatusCode();
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/owner/request", new { handle = agent.Handle, action = "revoke" }), 409, "owner.not_claimed");
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/owner/request", new { handle = "never-seen-handle", action = "revoke" }), 404, "record.not_found");
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/owner/request", new { handle = agent.Handle, action = "explode" }), 400, "owner.invalid_action");
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/owner/request", new { handle = agent.Handle, action = "rotate", newDid = agent.Did.Value }), 409, "did.already_registered");
    }

    [Fact]
    public async Task Unknown_owner_link_is_refused_on_page_and_approve()
    {
        await Problem.AssertAsync(await Host.Client.GetAsync("/owner/approve?token=nope"), 400, "owner_link.unknown");
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/owner/approve", new { token = "nope" }), 400, "owner_link.unknown");
    }
}
