using System.Net;
using System.Net.Http.Json;
using System.Text;
using Passport.Server.Tests.Hosting;
using Passport.Server.Tests.Recovery;
using Xunit;

namespace Passport.Server.Tests.OwnerConsole;

/// <summary>
/// Console sign-in signed by the bound owner key (docs/owner.md "Sign-in"): the real IdP over HTTP, the Pass Provider's
/// signature made in C# (<see cref="PassesOwnerKey"/>). Every refusal is the same 403 <c>owner_signin.refused</c>.
/// </summary>
public sealed class PassesSignInTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Complete = "/owner/sign-in/passes/complete";

    private ServerHost Host => fixture.Host;

    /// <summary>A CLAIMED agent of a fresh owner, claimed through Passes with <paramref name="key"/> (which binds it).</summary>
    private async Task<(TestAgent Agent, string Email)> ClaimWithKeyAsync(PassesOwnerKey key)
    {
        var agent = new TestAgent(Host);
        var email = OwnerMailbox.NewEmail();
        (await agent.RegisterAsync(email)).EnsureSuccessStatusCode();
        var claimed = await Problem.JsonAsync(await key.ClaimAsync(OwnerMailbox.TokenOf(await Host.OutboxLastAsync(email)), agent.Handle!));
        Assert.Equal(key.Thumbprint, claimed.GetProperty("ownerKey").GetString());
        return (agent, email);
    }

    private static Task<System.Text.Json.JsonElement> RefusedAsync(HttpResponseMessage response) =>
        Problem.AssertAsync(response, 403, "owner_signin.refused");

    [Fact]
    public async Task Bound_key_signs_in_with_the_link_sessions_cookie_and_the_console_shows_the_agents()
    {
        using var key = new PassesOwnerKey(Host, TimeProvider.System);
        var (agent, email) = await ClaimWithKeyAsync(key);
        using var _ = agent;
        using var owner = new OwnerConsoleClient(Host);
        var signInPage = await owner.ConsoleHtmlAsync();
        Assert.Contains("href=\"/owner/sign-in/passes\"", signInPage);
        Assert.Contains("name=\"email\"", await (await owner.GetAsync("/owner/sign-in/passes")).Content.ReadAsStringAsync());
        var page = await owner.GetAsync("/owner/sign-in/passes?email=" + Uri.EscapeDataString(email));
        Assert.Contains("data-api=\"/owner/sign-in/passes\"", await page.Content.ReadAsStringAsync());

        // The address is matched case-insensitively, like the mailed-link sign-in.
        var typed = email.ToUpperInvariant();
        var response = await key.CompleteSignInAsync(typed, await key.SignSignInAsync(typed));
        var json = await Problem.JsonAsync(response);
        Assert.Equal("signed-in", json.GetProperty("status").GetString());
        Assert.Equal("/owner", json.GetProperty("location").GetString());
        var setCookie = response.Headers.GetValues("Set-Cookie").Single();
        var flags = setCookie.ToLowerInvariant();
        Assert.StartsWith("passport_owner=", flags);
        Assert.Contains("httponly", flags);
        Assert.Contains("secure", flags);
        Assert.Contains("samesite=strict", flags);
        Assert.Contains("path=/owner", flags);

        owner.Cookie = setCookie.Split(';')[0].Split('=', 2)[1];
        var html = await owner.ConsoleHtmlAsync();
        Assert.Contains(agent.Handle!, html);
        Assert.Contains("CLAIMED", html);
        Assert.Contains($"Signed in as {email}", html);
    }

    [Fact]
    public async Task Another_key_no_bound_key_an_unknown_address_and_a_replay_get_the_same_refusal()
    {
        using var key = new PassesOwnerKey(Host, TimeProvider.System);
        using var other = new PassesOwnerKey(Host, TimeProvider.System);
        var (agent, email) = await ClaimWithKeyAsync(key);
        using var _ = agent;

        var wrongSigner = await RefusedAsync(await other.CompleteSignInAsync(email, await other.SignSignInAsync(email)));

        // Claimed by the mailed link: no key bound, so nothing can sign in (a sign-in never binds a key).
        using var linkAgent = new TestAgent(Host);
        var linkOwner = OwnerMailbox.NewEmail();
        (await linkAgent.RegisterAsync(linkOwner)).EnsureSuccessStatusCode();
        await OwnerMailbox.ClaimAsync(Host, linkOwner);
        var noKey = await RefusedAsync(await key.CompleteSignInAsync(linkOwner, await key.SignSignInAsync(linkOwner)));

        var unknownEmail = OwnerMailbox.NewEmail();
        var unknown = await RefusedAsync(await key.CompleteSignInAsync(unknownEmail, await key.SignSignInAsync(unknownEmail)));

        var result = await key.SignSignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await key.CompleteSignInAsync(email, result)).StatusCode);
        var replayed = await RefusedAsync(await key.CompleteSignInAsync(email, result));

        // A result for one address does not sign in as another (the request is filed under the typed address).
        using var victimKey = new PassesOwnerKey(Host, TimeProvider.System);
        var (victim, victimEmail) = await ClaimWithKeyAsync(victimKey);
        using var __ = victim;
        var moved = await RefusedAsync(await key.CompleteSignInAsync(victimEmail, await key.SignSignInAsync(email)));

        // No oracle: the same detail whatever the reason.
        var detail = wrongSigner.GetProperty("detail").GetString();
        foreach (var refusal in new[] { noKey, unknown, replayed, moved }) Assert.Equal(detail, refusal.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Request_answers_alike_for_any_address_and_bad_or_cross_site_posts_are_refused()
    {
        using var key = new PassesOwnerKey(Host, TimeProvider.System);
        var (agent, email) = await ClaimWithKeyAsync(key);
        using var _ = agent;
        var known = await Problem.JsonAsync(await Host.Client.PostAsJsonAsync("/owner/sign-in/passes/request", new { email }));
        var unknown = await Problem.JsonAsync(await Host.Client.PostAsJsonAsync("/owner/sign-in/passes/request", new { email = OwnerMailbox.NewEmail() }));
        Assert.Equal("org.passport.owner-sign-in", known.GetProperty("topic").GetString());
        Assert.Equal(
            known.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            unknown.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync(Complete, new { email, result = "!!" }), 400, "approval.invalid_result");
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync(Complete, new { email = new string('a', 300), result = "AA" }), 400, "request.field_too_long");

        // A cross-site form post: not JSON (415), and a JSON post naming another origin is refused before anything else.
        using var form = new FormUrlEncodedContent([new("email", email), new("result", await key.SignSignInAsync(email))]);
        await Problem.AssertAsync(await Host.Client.PostAsync(Complete, form), 415, "request.unsupported_media_type");
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, Complete)
        {
            Content = new StringContent($$"""{"email":"{{email}}","result":"{{await key.SignSignInAsync(email)}}"}""", Encoding.UTF8, "application/json"),
        };
        crossSite.Headers.Add("Origin", "https://attacker.example");
        var refused = await Host.Client.SendAsync(crossSite);
        await Problem.AssertAsync(refused, 403, "owner_signin.cross_origin");
        Assert.False(refused.Headers.Contains("Set-Cookie"));
    }
}
