using Microsoft.Playwright;
using Passport.Browser.Tests.Browser;

namespace Passport.Browser.Tests.Approvals;

/// <summary>
/// Owner-console sign-in with the Pass Provider in Chromium (docs/owner.md "Sign-in" step 4): the browser whose provider
/// key is bound signs in from <c>/owner</c> without any mail and lands on the console; a fresh browser (another key) is
/// refused and gets no cookie.
/// </summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PassesSignInBrowserTests(ChromiumFixture chromium)
{
    /// <summary>From <c>/owner</c>: the Passes link, the address, then the provider popup; returns the page and popup.</summary>
    private static async Task<(IPage Page, IPage Popup)> StartSignInAsync(ApprovalScenario scenario, IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(scenario.Idp.Issuer + "/owner");
        await page.ClickAsync("#passes-sign-in");
        await page.FillAsync("#email", ApprovalScenario.OwnerEmail);
        await page.ClickAsync("button[type='submit']");
        await page.WaitForSelectorAsync("body[data-state='ready']");
        Assert.Equal(scenario.Idp.Issuer + "/owner/sign-in/passes", page.Url);
        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#send"));
        await popup.WaitForSelectorAsync("body[data-state='presenting']");
        Assert.Contains("Sign in to the Passport owner console", await popup.TextContentAsync("#title"));
        return (page, popup);
    }

    [Fact]
    public async Task Bound_key_signs_in_to_the_console_and_another_key_is_refused()
    {
        await using var scenario = await ApprovalScenario.StartAsync();
        await using var owner = await chromium.NewContextAsync();
        await using var stranger = await chromium.NewContextAsync();

        // The owner's provider key becomes the owner key (first approval).
        var (bindPage, bindPopup) = await scenario.OpenProviderAsync(owner, await scenario.RequestDelegationLinkAsync("read:orders"));
        await bindPopup.ClickAsync("#approve");
        Assert.Equal("done", (await ApprovalScenario.OutcomeAsync(bindPage)).State);

        var (page, popup) = await StartSignInAsync(scenario, owner);
        await popup.ClickAsync("#approve");
        await page.WaitForURLAsync(scenario.Idp.Issuer + "/owner");
        await page.WaitForSelectorAsync("#agents");
        Assert.Contains(scenario.Principal.Handle, await page.TextContentAsync("#agents"));
        var cookie = Assert.Single(await owner.CookiesAsync());
        Assert.Equal("passport_owner", cookie.Name);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);

        // Another browser's key (never bound) signs too: the same generic refusal, no cookie.
        var (refusedPage, strangerPopup) = await StartSignInAsync(scenario, stranger);
        await strangerPopup.ClickAsync("#approve");
        var (state, _, code) = await ApprovalScenario.OutcomeAsync(refusedPage);
        Assert.Equal("refused", state);
        Assert.Equal("owner_signin.refused", code);
        Assert.Empty(await stranger.CookiesAsync());
    }
}
