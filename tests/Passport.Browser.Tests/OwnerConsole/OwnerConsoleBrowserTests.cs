using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Passport.Browser.Tests.Browser;
using Passport.Browser.Tests.Hosts;
using static Passport.Browser.Tests.OwnerConsole.ConsolePages;

namespace Passport.Browser.Tests.OwnerConsole;

/// <summary>
/// The owner console (<c>/owner</c>, docs/owner.md) in Chromium against the real IdP and a real gateway: sign-in by the
/// mailed link, the agent list, revoke through the approval path and the gateway refusing the agent, cookie flags as the
/// browser keeps them, CSRF refusals, a second owner refused every route, no-JavaScript use, labels and keyboard order,
/// expired and reused links.
/// </summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "Slow")]
public sealed partial class OwnerConsoleBrowserTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Signed_in_owner_sees_agents_grants_and_one_strict_httponly_cookie()
    {
        await using var scenario = await ConsoleScenario.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await scenario.SignInAsync(context, ConsoleScenario.OwnerA);

        foreach (var agent in new[] { scenario.First, scenario.Second })
        {
            var row = AgentRow(page, agent.Handle);
            Assert.Equal(agent.Handle, await row.Locator("th a").TextContentAsync());
            var did = row.Locator("td code");
            Assert.Equal(agent.Did.Value, await did.GetAttributeAsync("title"));
            var shortDid = (await did.TextContentAsync())!;
            Assert.True(shortDid.Length < agent.Did.Value.Length, shortDid);
            Assert.StartsWith("did:key:z6Mk", shortDid);
            Assert.Equal("CLAIMED", await row.Locator("td.status").TextContentAsync());
            Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d UTC$", (await row.Locator("td time").First.TextContentAsync())!);
        }
        Assert.Equal(2, await page.Locator("#agents tbody tr").CountAsync());
        Assert.Equal(0, await AgentRow(page, scenario.Other.Handle).CountAsync());

        var grant = page.Locator($"#grants tr[data-grant='{scenario.GrantId}']").First;
        var cells = await grant.Locator("td").AllTextContentsAsync();
        Assert.Equal([scenario.First.Handle, scenario.Second.Handle, "given", "read:orders"], cells.Take(4));
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = $"Ungrant {scenario.GrantId}" }).CountAsync() >= 1);

        // The cookie as Chromium stored it: one session cookie, script cannot read it, never sent cross-site, Secure
        // (the IdP runs as Production; Chromium keeps Secure cookies of http://127.0.0.1, a potentially trustworthy origin).
        var cookie = Assert.Single(await context.CookiesAsync());
        Assert.Equal("passport_owner", cookie.Name);
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/owner", cookie.Path);
        Assert.Equal("", await page.EvaluateAsync<string>("() => document.cookie"));
    }

    [Fact]
    public async Task Revoke_from_the_console_through_the_approval_then_the_gateway_refuses_the_agent()
    {
        await using var scenario = await ConsoleScenario.StartAsync();
        var gateway = scenario.Gateway;
        var token = await scenario.First.TokenForAsync(gateway.Origin);
        var otherToken = await scenario.Second.TokenForAsync(gateway.Origin);
        using (var before = await gateway.GetAsync(scenario.First, "/things", token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using var context = await chromium.NewContextAsync();
        var page = await scenario.SignInAsync(context, ConsoleScenario.OwnerA);
        Assert.Equal(200, (await SubmitAsync(page, $"Revoke {scenario.First.Handle}")).Status);
        await page.WaitForURLAsync(scenario.Idp.Issuer + "/owner?requested=revoke");
        Assert.StartsWith("Revocation requested", await page.TextContentAsync("p.notice"));
        Assert.Contains($"revoke {scenario.First.Handle}", await page.TextContentAsync("#pending"));

        // Asking changed nothing yet: the gateway still lets the agent through.
        using (var pending = await gateway.GetAsync(scenario.First, "/things", token))
        {
            Assert.Equal(HttpStatusCode.OK, pending.StatusCode);
        }

        // The owner approves on the page of the mailed link.
        await page.GotoAsync(await scenario.ApprovalLinkAsync(ConsoleScenario.OwnerA));
        Assert.Contains($"revoke {scenario.First.Handle}", await page.TextContentAsync("body"));
        await page.ClickAsync("#approve");
        await page.WaitForFunctionAsync("() => document.getElementById('result').textContent.length > 0");
        Assert.Equal($"Done: revoke of {scenario.First.Handle}.", await page.TextContentAsync("#result"));

        // The gateway learns it from the IdP's revocation feed and refuses the agent (403 passport.revoked, RFC 6750 challenge).
        var refused = await UntilRefusedAsync(() => gateway.GetAsync(scenario.First, "/things", token));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("passport.revoked", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Contains("error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString());
        using (var second = await gateway.GetAsync(scenario.Second, "/things", otherToken))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        // The console shows it.
        await page.GotoAsync(scenario.Idp.Issuer + "/owner");
        var row = AgentRow(page, scenario.First.Handle);
        Assert.Equal("REVOKED", await row.Locator("td.status").TextContentAsync());
        Assert.Equal(0, await row.Locator("button").CountAsync());
        Assert.Contains("record_revoked", await page.TextContentAsync("#events"));
        Assert.Equal("None.", await page.TextContentAsync("#pending p"));
    }

    [Fact]
    public async Task Forms_without_or_with_a_wrong_csrf_token_or_as_multipart_are_refused_and_start_nothing()
    {
        await using var scenario = await ConsoleScenario.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await scenario.SignInAsync(context, ConsoleScenario.OwnerA);
        var mails = await scenario.MailCountAsync(ConsoleScenario.OwnerA);
        var revoke = $"Revoke {scenario.First.Handle}";
        var form = $"#agents tr[data-handle='{scenario.First.Handle}'] form[action$='/revoke']";

        // Another value in the hidden field (e.g. a token of another session).
        await page.EvaluateAsync($"() => document.querySelector(\"{form} input[name=csrf]\").value = 'AAAA' + 'x'.repeat(39)");
        var wrong = await SubmitAsync(page, revoke);
        Assert.Equal(403, wrong.Status);
        Assert.Equal("owner_session.csrf_invalid", await ProblemCodeAsync(wrong));

        // No field at all.
        await page.GotoAsync(scenario.Idp.Issuer + "/owner");
        await page.EvaluateAsync($"() => document.querySelector(\"{form} input[name=csrf]\").remove()");
        var missing = await SubmitAsync(page, revoke);
        Assert.Equal(403, missing.Status);
        Assert.Equal("owner_session.csrf_invalid", await ProblemCodeAsync(missing));
        Assert.Contains("owner_session.csrf_invalid", await page.TextContentAsync("body"));

        // The right token, but posted as multipart/form-data (the console's forms are urlencoded): 415.
        await page.GotoAsync(scenario.Idp.Issuer + "/owner");
        await page.EvaluateAsync($"() => document.querySelector(\"{form}\").enctype = 'multipart/form-data'");
        var multipart = await SubmitAsync(page, revoke);
        Assert.Equal(415, multipart.Status);
        Assert.Equal("request.unsupported_media_type", await ProblemCodeAsync(multipart));

        // Nothing was started, and the untouched form still works.
        Assert.Equal(mails, await scenario.MailCountAsync(ConsoleScenario.OwnerA));
        await page.GotoAsync(scenario.Idp.Issuer + "/owner");
        Assert.Equal("None.", await page.TextContentAsync("#pending p"));
        Assert.Equal(200, (await SubmitAsync(page, revoke)).Status);
        Assert.Equal(mails + 1, await scenario.MailCountAsync(ConsoleScenario.OwnerA));
    }

    [Fact]
    public async Task Second_owner_cannot_see_or_act_on_the_first_owners_agents_or_grant()
    {
        await using var scenario = await ConsoleScenario.StartAsync();
        await using var contextA = await chromium.NewContextAsync();
        await using var contextB = await chromium.NewContextAsync();
        await scenario.SignInAsync(contextA, ConsoleScenario.OwnerA);
        var page = await scenario.SignInAsync(contextB, ConsoleScenario.OwnerB);

        // B sees only B's agent.
        var html = await page.ContentAsync();
        Assert.Equal(1, await page.Locator("#agents tbody tr").CountAsync());
        Assert.Equal(1, await AgentRow(page, scenario.Other.Handle).CountAsync());
        foreach (var secret in new[] { scenario.First.Handle, scenario.Second.Handle, scenario.First.Did.Value, scenario.GrantId })
        {
            Assert.DoesNotContain(secret, html);
        }

        // Every action route with A's handle or A's grant id, posted with B's valid session and CSRF token: the same
        // 404 as an unknown handle or grant, no data of A's in the page.
        var csrf = await CsrfAsync(page);
        using var newKey = new Agent(scenario.Idp);
        var mailsA = await scenario.MailCountAsync(ConsoleScenario.OwnerA);
        var mailsB = await scenario.MailCountAsync(ConsoleScenario.OwnerB);
        var attempts = new (string Action, Dictionary<string, string> Fields, string Code)[]
        {
            ($"/owner/agents/{scenario.First.Handle}/revoke", new() { ["csrf"] = csrf }, "record.not_found"),
            ($"/owner/agents/{scenario.First.Handle}/rotate", new() { ["csrf"] = csrf, ["newDid"] = newKey.Did.Value }, "record.not_found"),
            ($"/owner/agents/{scenario.First.Handle}/delegate", new() { ["csrf"] = csrf, ["actor"] = scenario.Other.Handle, ["scope"] = "read:orders" }, "record.not_found"),
            ($"/owner/grants/{scenario.GrantId}/revoke", new() { ["csrf"] = csrf }, "delegation.not_found"),
            ("/owner/agents/nobody-at-all/revoke", new() { ["csrf"] = csrf }, "record.not_found"),
            ($"/owner/grants/{Guid.NewGuid():N}/revoke", new() { ["csrf"] = csrf }, "delegation.not_found"),
        };
        foreach (var (action, fields, code) in attempts)
        {
            await page.GotoAsync(scenario.Idp.Issuer + "/owner");
            var response = await PostFormAsync(page, action, fields);
            Assert.True(response.Status == 404, $"{action}: {response.Status}");
            Assert.Equal(code, await ProblemCodeAsync(response));
            var shown = await page.TextContentAsync("body");
            Assert.Contains(code, shown);
            Assert.DoesNotContain(scenario.First.Did.Value, shown);
            Assert.DoesNotContain(ConsoleScenario.OwnerA, shown);
        }

        // Navigating (GET) to the action routes answers the same for A's handle or grant as for B's own: 405, no data.
        foreach (var path in new[] { $"/owner/agents/{scenario.First.Handle}/revoke", $"/owner/agents/{scenario.Other.Handle}/revoke", $"/owner/grants/{scenario.GrantId}/revoke" })
        {
            var navigated = await page.GotoAsync(scenario.Idp.Issuer + path);
            Assert.Equal(405, navigated!.Status);
            Assert.Equal("request.method_not_allowed", await ProblemCodeAsync(navigated));
            Assert.DoesNotContain(scenario.First.Did.Value, await page.TextContentAsync("body"));
        }

        // Nothing was mailed to either owner, and A's agents are untouched.
        Assert.Equal(mailsA, await scenario.MailCountAsync(ConsoleScenario.OwnerA));
        Assert.Equal(mailsB, await scenario.MailCountAsync(ConsoleScenario.OwnerB));
        Assert.Single(await scenario.First.DelegationsAsync(), g => g.GetProperty("status").GetString() == "ACTIVE");
    }

    [Fact]
    public async Task Without_javascript_the_owner_signs_in_and_views_the_list()
    {
        await using var scenario = await ConsoleScenario.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        context.SetDefaultTimeout(20_000);
        var page = await scenario.SignInAsync(context, ConsoleScenario.OwnerA);

        Assert.Equal("CLAIMED", await AgentRow(page, scenario.First.Handle).Locator("td.status").TextContentAsync());
        Assert.Equal("CLAIMED", await AgentRow(page, scenario.Second.Handle).Locator("td.status").TextContentAsync());
        Assert.Equal(1, await page.Locator($"#grants tr[data-grant='{scenario.GrantId}']").CountAsync());

        // Plain forms work too: asking for a revocation is a POST/redirect/GET.
        await SubmitAsync(page, $"Revoke {scenario.Second.Handle}");
        await page.WaitForURLAsync(scenario.Idp.Issuer + "/owner?requested=revoke");
        Assert.Contains($"revoke {scenario.Second.Handle}", await page.TextContentAsync("#pending"));
    }

    [Fact]
    public async Task Every_control_has_a_label_and_tab_reaches_the_action_buttons_in_order()
    {
        await using var scenario = await ConsoleScenario.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var signInPage = await context.NewPageAsync();
        await signInPage.GotoAsync(scenario.Idp.Issuer + "/owner");
        await AssertAllControlsNamedAsync(signInPage);
        var page = await scenario.SignInAsync(context, ConsoleScenario.OwnerA);
        await AssertAllControlsNamedAsync(page);

        // The buttons in document order, then what Tab focuses from the top of the page.
        var buttons = await page.Locator("button").EvaluateAllAsync<string[]>("all => all.map(b => b.getAttribute('aria-label') || b.id || b.textContent.trim())");
        Assert.Contains($"Revoke {scenario.First.Handle}", buttons);
        Assert.Contains($"Ungrant {scenario.GrantId} ({scenario.Second.Handle} for {scenario.First.Handle})", buttons);
        var focused = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var name = await page.EvaluateAsync<string?>(
                "() => { const e = document.activeElement; return e && e !== document.body ? (e.getAttribute('aria-label') || e.id || e.textContent.trim()) + '|' + e.tagName : null; }");
            if (name is null || (focused.Count > 0 && name == focused[0])) break;
            focused.Add(name);
        }
        var focusedButtons = focused.Where(f => f.EndsWith("|BUTTON", StringComparison.Ordinal)).Select(f => f[..^"|BUTTON".Length]).ToArray();
        Assert.Equal(buttons, focusedButtons);
        // Each agent's inputs come right before the button they belong to.
        var rotate = focused.IndexOf($"Rotate {scenario.First.Handle}|BUTTON");
        Assert.Equal($"newDid-{scenario.First.Handle}|INPUT", focused[rotate - 1]);

        // Enter on a focused action button submits its form.
        await page.Locator("button").Filter(new() { HasText = "Revoke…" }).First.FocusAsync();
        var submitted = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), IsFinalNavigation);
        Assert.Equal(200, submitted.Status);
        await page.WaitForURLAsync(scenario.Idp.Issuer + "/owner?requested=revoke");
    }

    [Fact]
    public async Task Reused_sign_in_link_shows_a_clear_page_and_signs_nobody_in()
    {
        await using var scenario = await ConsoleScenario.StartAsync();
        await using var first = await chromium.NewContextAsync();
        await using var second = await chromium.NewContextAsync();
        var page = await first.NewPageAsync();
        var link = await scenario.RequestSignInLinkAsync(page, ConsoleScenario.OwnerA);

        // Opened twice (two browsers) before either presses Sign in: the first press wins, the second gets the page.
        var other = await second.NewPageAsync();
        Assert.Equal(200, (await other.GotoAsync(link))!.Status);
        Assert.Equal(200, (await page.GotoAsync(link))!.Status);
        await page.ClickAsync("#confirm");
        await page.WaitForURLAsync(scenario.Idp.Issuer + "/owner");
        var late = await other.RunAndWaitForResponseAsync(() => other.ClickAsync("#confirm"), IsFinalNavigation);
        Assert.Equal(400, late.Status);
        await AssertLinkProblemAsync(other, "This sign-in link has already been used.");
        Assert.Empty(await second.CookiesAsync());

        // Opened again afterwards.
        var again = await other.GotoAsync(link);
        Assert.Equal(400, again!.Status);
        await AssertLinkProblemAsync(other, "This sign-in link has already been used.");

        // Unknown or mangled tokens.
        Assert.Equal(400, (await other.GotoAsync(scenario.Idp.Issuer + "/owner/sign-in?token=nope"))!.Status);
        await AssertLinkProblemAsync(other, "This sign-in link is not known.");
        Assert.Equal(400, (await other.GotoAsync(scenario.Idp.Issuer + "/owner/sign-in?token=" + new string('a', 5000)))!.Status);
        Assert.Equal(400, (await other.GotoAsync(scenario.Idp.Issuer + "/owner/sign-in"))!.Status);
        Assert.Empty(await second.CookiesAsync());
    }

    [Fact]
    public async Task Expired_sign_in_link_shows_a_clear_page_whether_opened_or_pressed_late()
    {
        var clock = new ShiftedClock();
        await using var scenario = await ConsoleScenario.StartAsync(clock);
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        // Opened in time, pressed after the link's 15 minutes.
        var link = await scenario.RequestSignInLinkAsync(page, ConsoleScenario.OwnerA);
        Assert.Equal(200, (await page.GotoAsync(link))!.Status);
        clock.Advance(TimeSpan.FromMinutes(16));
        var pressed = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#confirm"), IsFinalNavigation);
        Assert.Equal(400, pressed.Status);
        await AssertLinkProblemAsync(page, "This sign-in link has expired.");
        Assert.Empty(await context.CookiesAsync());

        // Opened late.
        link = await scenario.RequestSignInLinkAsync(page, ConsoleScenario.OwnerA);
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(400, (await page.GotoAsync(link))!.Status);
        await AssertLinkProblemAsync(page, "This sign-in link has expired.");

        // The page offers the way back: a new link works.
        await page.ClickAsync("text=Request a new sign-in link");
        await page.WaitForURLAsync(scenario.Idp.Issuer + "/owner");
        await scenario.SignInAsync(context, ConsoleScenario.OwnerA);
    }

    /// <summary>Calls until the answer is not 200 (the gateway polls the feed; bounded so a failure never hangs).</summary>
    private static async Task<HttpResponseMessage> UntilRefusedAsync(Func<Task<HttpResponseMessage>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await call();
            if (response.StatusCode != HttpStatusCode.OK || DateTime.UtcNow > deadline) return response;
            response.Dispose();
            await Task.Delay(100);
        }
    }

    private static async Task AssertLinkProblemAsync(IPage page, string message)
    {
        Assert.Equal("This sign-in link does not work", await page.TextContentAsync("h1"));
        Assert.Equal(message, await page.TextContentAsync("[role='alert']"));
        Assert.Equal(1, await page.Locator("a[href='/owner']").CountAsync());
    }

    /// <summary>Every visible form control and button has a non-empty accessible name (label, aria-label or text).</summary>
    private static async Task AssertAllControlsNamedAsync(IPage page)
    {
        var controls = page.Locator("input:not([type=hidden]), select, textarea, button");
        var count = await controls.CountAsync();
        Assert.True(count > 0);
        for (var i = 0; i < count; i++)
        {
            await Assertions.Expect(controls.Nth(i)).ToHaveAccessibleNameAsync(NonEmpty(), new() { Timeout = 2_000 });
        }
    }

    [GeneratedRegex(@"\S")]
    private static partial Regex NonEmpty();
}
