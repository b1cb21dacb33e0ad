using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Passport.Server.Tests.Hosting;
using Passport.Server.Tests.OwnerConsole;
using Xunit;
using static Passport.Server.Tests.OwnerConsole.OwnerConsoleClient;

namespace Passport.Server.Tests.Recovery;

/// <summary>
/// Owner-key recovery (docs/owner.md): a <c>recover-key</c> link approved with a NEW Passes key starts a recovery; the
/// bound (old) key keeps working and can veto it; after the wait (a fake clock moved forward, no real waiting) the new key
/// is bound at the next lookup. Real IdP over HTTP, approvals signed in C# as a Pass Provider would.
/// </summary>
public sealed class OwnerKeyRecoveryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ServerHost? _host;

    private ServerHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _host = await ServerHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    /// <summary>A CLAIMED agent of a fresh owner, claimed through Passes with <paramref name="key"/> (which binds it).</summary>
    private async Task<(TestAgent Agent, string Email)> ClaimWithKeyAsync(PassesOwnerKey key, string? email = null)
    {
        var agent = new TestAgent(Host);
        email ??= OwnerMailbox.NewEmail();
        (await agent.RegisterAsync(email)).EnsureSuccessStatusCode();
        var claimed = await Problem.JsonAsync(await key.ClaimAsync(OwnerMailbox.TokenOf(await Host.OutboxLastAsync(email)), agent.Handle!));
        Assert.Equal(key.Thumbprint, claimed.GetProperty("ownerKey").GetString());
        return (agent, email);
    }

    /// <summary>An owner action (delegate to a fresh actor) through the emailed link, approved with <paramref name="key"/>.</summary>
    private async Task<HttpResponseMessage> DelegateWithAsync(PassesOwnerKey key, string email, string handle)
    {
        using var actor = new TestAgent(Host);
        (await actor.RegisterAsync()).EnsureSuccessStatusCode();
        var scope = new[] { "read:orders" };
        var token = await OwnerMailbox.RequestLinkAsync(Host, email, new { handle, action = "delegate", actor = actor.Handle, scope });
        return await key.ApproveLinkAsync(token, "delegate", handle, new { actor = actor.Handle, scope });
    }

    /// <summary>Requests a recover-key link and approves it with <paramref name="newKey"/>; returns the completion's JSON.</summary>
    private async Task<JsonElement> StartRecoveryAsync(PassesOwnerKey newKey, string email, string handle)
    {
        var token = await OwnerMailbox.RequestLinkAsync(Host, email, new { handle, action = "recover-key" });
        var approved = await Problem.JsonAsync(await newKey.ApproveLinkAsync(token, "recover-key", handle));
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal("recover-key", approved.GetProperty("action").GetString());
        Assert.Equal(newKey.Thumbprint, approved.GetProperty("recovery").GetProperty("newKey").GetString());
        return approved;
    }

    [Fact]
    public async Task Start_mails_the_veto_link_old_key_keeps_working_and_its_veto_cancels_the_recovery()
    {
        using var oldKey = new PassesOwnerKey(Host, _clock);
        using var newKey = new PassesOwnerKey(Host, _clock);
        var (agent, email) = await ClaimWithKeyAsync(oldKey);
        using var _ = agent;

        var approved = await StartRecoveryAsync(newKey, email, agent.Handle!);
        var completesAt = approved.GetProperty("recovery").GetProperty("completesAt").GetDateTimeOffset();
        Assert.Equal(_clock.GetUtcNow().AddHours(72).ToUnixTimeSeconds(), completesAt.ToUnixTimeSeconds());

        // The warning mail: when the new key takes over, and the veto page of this agent.
        var mail = await Host.OutboxLastAsync(email);
        Assert.Contains("will replace yours", mail.GetProperty("subject").GetString());
        Assert.Equal($"{Host.Issuer}/owner/recovery/veto?handle={agent.Handle}", mail.GetProperty("links")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await Host.Client.GetAsync($"/owner/recovery/veto?handle={agent.Handle}")).StatusCode);

        // Every Pass Request of this owner now carries the warning and the veto link, so the key holder sees it when acting.
        var revokeLink = await OwnerMailbox.RequestLinkAsync(Host, email, new { handle = agent.Handle, action = "revoke" });
        var issued = await Problem.JsonAsync(await Host.Client.PostAsJsonAsync("/owner/passes/request", new { token = revokeLink }));
        Assert.Equal($"{Host.Issuer}/owner/recovery/veto?handle={agent.Handle}", issued.GetProperty("pendingRecovery").GetProperty("vetoUrl").GetString());

        // While pending: the old key works for everything, the new key for nothing; a second recovery is refused.
        Assert.Equal("approved", (await Problem.JsonAsync(await DelegateWithAsync(oldKey, email, agent.Handle!))).GetProperty("status").GetString());
        await Problem.AssertAsync(await DelegateWithAsync(newKey, email, agent.Handle!), 403, "approval.signer_mismatch");
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/owner/request", new { handle = agent.Handle, action = "recover-key" }),
            409, "recovery.pending");

        // Only the bound key vetoes: the new key's veto is refused, the old key's cancels the recovery.
        await Problem.AssertAsync(await newKey.VetoAsync(agent.Handle!), 403, "approval.signer_mismatch");
        var vetoed = await Problem.JsonAsync(await oldKey.VetoAsync(agent.Handle!));
        Assert.Equal("veto-recovery", vetoed.GetProperty("action").GetString());
        Assert.Equal(oldKey.Thumbprint, vetoed.GetProperty("ownerKey").GetString());
        await Problem.AssertAsync(await oldKey.VetoAsync(agent.Handle!), 404, "recovery.not_pending");

        // Long after the wait, the new key was never bound.
        _clock.Advance(TimeSpan.FromHours(73));
        Assert.Equal("approved", (await Problem.JsonAsync(await DelegateWithAsync(oldKey, email, agent.Handle!))).GetProperty("status").GetString());
        await Problem.AssertAsync(await DelegateWithAsync(newKey, email, agent.Handle!), 403, "approval.signer_mismatch");
    }

    [Fact]
    public async Task Without_veto_the_new_key_is_bound_after_the_wait_and_the_old_key_is_refused()
    {
        using var oldKey = new PassesOwnerKey(Host, _clock);
        using var newKey = new PassesOwnerKey(Host, _clock);
        var (agent, email) = await ClaimWithKeyAsync(oldKey);
        using var _ = agent;
        await StartRecoveryAsync(newKey, email, agent.Handle!);

        _clock.Advance(TimeSpan.FromHours(71));
        await Problem.AssertAsync(await DelegateWithAsync(newKey, email, agent.Handle!), 403, "approval.signer_mismatch");

        _clock.Advance(TimeSpan.FromHours(2));
        // The first lookup after not_before binds the new key; a veto is too late now.
        await Problem.AssertAsync(await oldKey.VetoAsync(agent.Handle!), 404, "recovery.not_pending");
        await Problem.AssertAsync(await DelegateWithAsync(oldKey, email, agent.Handle!), 403, "approval.signer_mismatch");
        var accepted = await Problem.JsonAsync(await DelegateWithAsync(newKey, email, agent.Handle!));
        Assert.Equal(newKey.Thumbprint, accepted.GetProperty("ownerKey").GetString());

        // Another recovery can start once the previous one completed, but not with the key already bound.
        var again = await OwnerMailbox.RequestLinkAsync(Host, email, new { handle = agent.Handle, action = "recover-key" });
        await Problem.AssertAsync(await newKey.ApproveLinkAsync(again, "recover-key", agent.Handle!), 409, "recovery.same_key");
    }

    [Fact]
    public async Task Bad_input_is_a_clear_4xx()
    {
        using var oldKey = new PassesOwnerKey(Host, _clock);
        using var newKey = new PassesOwnerKey(Host, _clock);

        // No key bound (claimed by the emailed button): nothing to recover.
        using var plain = new TestAgent(Host);
        var plainEmail = OwnerMailbox.NewEmail();
        (await plain.RegisterAsync(plainEmail)).EnsureSuccessStatusCode();
        await OwnerMailbox.ClaimAsync(Host, plainEmail);
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/owner/request", new { handle = plain.Handle, action = "recover-key" }),
            409, "recovery.no_key");

        var (agent, email) = await ClaimWithKeyAsync(oldKey);
        using var _ = agent;
        // No recovery pending; unknown or malformed handles.
        await Problem.AssertAsync(await oldKey.VetoAsync(agent.Handle!), 404, "recovery.not_pending");
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/owner/recovery/veto/request", new { handle = "no-such-agent-1234" }), 404, "record.not_found");
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/owner/recovery/veto/request", new { handle = new string('x', 500) }), 400, "request.field_too_long");
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/owner/recovery/veto/complete", new { handle = agent.Handle, result = "!!" }), 400, "approval.invalid_result");

        // The emailed link alone never approves a recovery (it binds a key, so it needs the new key's signature).
        var token = await OwnerMailbox.RequestLinkAsync(Host, email, new { handle = agent.Handle, action = "recover-key" });
        Assert.Equal(HttpStatusCode.OK, (await Host.Client.GetAsync("/owner/approve?token=" + Uri.EscapeDataString(token))).StatusCode);
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/owner/approve", new { token }), 403, "owner.passes_required");

        // An expired link: the link's clear 400, nothing started.
        _clock.Advance(TimeSpan.FromMinutes(16));
        await Problem.AssertAsync(await newKey.ApproveLinkAsync(token, "recover-key", agent.Handle!), 400, "owner_link.expired");
        await Problem.AssertAsync(await oldKey.VetoAsync(agent.Handle!), 404, "recovery.not_pending");
    }

    [Fact]
    public async Task Another_owner_can_neither_veto_nor_see_nor_start_it()
    {
        using var victimKey = new PassesOwnerKey(Host, _clock);
        using var newKey = new PassesOwnerKey(Host, _clock);
        using var attackerKey = new PassesOwnerKey(Host, _clock);
        var (victim, victimEmail) = await ClaimWithKeyAsync(victimKey);
        using var v = victim;
        var (mine, attackerEmail) = await ClaimWithKeyAsync(attackerKey);
        using var m = mine;
        await StartRecoveryAsync(newKey, victimEmail, victim.Handle!);

        // The attacker's own (bound) key is not the victim's: its veto is refused and the recovery stays pending.
        await Problem.AssertAsync(await attackerKey.VetoAsync(victim.Handle!), 403, "approval.signer_mismatch");
        // The attacker's agent names another owner: no recovery pending there.
        await Problem.AssertAsync(await attackerKey.VetoAsync(mine.Handle!), 404, "recovery.not_pending");

        using var attacker = new OwnerConsoleClient(Host);
        await attacker.SignInAsync(attackerEmail);
        var html = await attacker.ConsoleHtmlAsync();
        Assert.DoesNotContain("A key recovery is pending", html);
        Assert.DoesNotContain(newKey.Thumbprint, html);
        await Problem.AssertAsync(await attacker.PostAsync($"/owner/agents/{victim.Handle}/recover-key", Form(("csrf", await attacker.CsrfAsync()))),
            404, "record.not_found");

        using var owner = new OwnerConsoleClient(Host);
        await owner.SignInAsync(victimEmail);
        var victimHtml = await owner.ConsoleHtmlAsync();
        Assert.Contains("A key recovery is pending", victimHtml);
        Assert.Contains(newKey.Thumbprint, victimHtml);
        Assert.Contains($"href=\"/owner/recovery/veto?handle={victim.Handle}\"", victimHtml);
    }

    [Fact]
    public async Task Console_form_starts_a_recovery_through_the_mailed_link_and_needs_the_csrf_token()
    {
        using var oldKey = new PassesOwnerKey(Host, _clock);
        using var newKey = new PassesOwnerKey(Host, _clock);
        var (agent, email) = await ClaimWithKeyAsync(oldKey);
        using var _ = agent;
        using var owner = new OwnerConsoleClient(Host);
        await owner.SignInAsync(email);
        var html = await owner.ConsoleHtmlAsync();
        Assert.Contains("id=\"recover-key\"", html);
        Assert.Contains($"action=\"/owner/agents/{agent.Handle}/recover-key\"", html);

        await Problem.AssertAsync(await owner.PostAsync($"/owner/agents/{agent.Handle}/recover-key", Form(("csrf", "wrong"))), 403, "owner_session.csrf_invalid");
        var requested = await owner.PostAsync($"/owner/agents/{agent.Handle}/recover-key", Form(("csrf", await owner.CsrfAsync())));
        Assert.Equal(HttpStatusCode.SeeOther, requested.StatusCode);
        Assert.Equal("/owner?requested=recover-key", requested.Headers.Location?.ToString());

        var token = OwnerMailbox.TokenOf(await Host.OutboxLastAsync(email));
        Assert.Equal("approved", (await Problem.JsonAsync(await newKey.ApproveLinkAsync(token, "recover-key", agent.Handle!))).GetProperty("status").GetString());
        html = await owner.ConsoleHtmlAsync();
        Assert.Contains("A key recovery is pending", html);
        Assert.DoesNotContain("id=\"recover-key\"", html);
        await Problem.AssertAsync(await owner.PostAsync($"/owner/agents/{agent.Handle}/recover-key", Form(("csrf", await owner.CsrfAsync()))), 409, "recovery.pending");

        // A console view after the wait completes it: no pending recovery, the form is back (for the new key).
        _clock.Advance(TimeSpan.FromHours(72));
        using var later = new OwnerConsoleClient(Host);
        await later.SignInAsync(email);
        html = await later.ConsoleHtmlAsync();
        Assert.DoesNotContain("A key recovery is pending", html);
        Assert.Contains("id=\"recover-key\"", html);
        var accepted = await Problem.JsonAsync(await DelegateWithAsync(newKey, email, agent.Handle!));
        Assert.Equal(newKey.Thumbprint, accepted.GetProperty("ownerKey").GetString());
    }

    [Fact]
    public async Task A_veto_never_binds_a_key_when_none_is_bound()
    {
        using var oldKey = new PassesOwnerKey(Host, _clock);
        using var newKey = new PassesOwnerKey(Host, _clock);
        using var stranger = new PassesOwnerKey(Host, _clock);
        var (agent, email) = await ClaimWithKeyAsync(oldKey);
        using var _ = agent;
        await StartRecoveryAsync(newKey, email, agent.Handle!);

        // An operator deletes the bound key while the recovery is pending: the veto (which needs no secret) must not bind the signer.
        await using (var connection = await Host.Get<Passport.Server.Storage.SqlDatabase>().OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM passes_owner_keys");
        }
        await Problem.AssertAsync(await stranger.VetoAsync(agent.Handle!), 403, "approval.signer_mismatch");
        _clock.Advance(TimeSpan.FromHours(72));
        var accepted = await Problem.JsonAsync(await DelegateWithAsync(newKey, email, agent.Handle!));
        Assert.Equal(newKey.Thumbprint, accepted.GetProperty("ownerKey").GetString());
    }
}
