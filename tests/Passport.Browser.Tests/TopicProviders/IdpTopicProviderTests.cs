using System.Text.Json;
using Passes;
using Passport.Browser.Tests.Approvals;
using Passport.Browser.Tests.Browser;
using Passport.Browser.Tests.Hosts;
using static Passport.Browser.Tests.TopicProviders.TopicProviderSteps;

namespace Passport.Browser.Tests.TopicProviders;

/// <summary>The IdP's owner page as a Topic Provider for the Passport approval topics (docs/passes-topics.md).</summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "Slow")]
public sealed class IdpTopicProviderTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Approval_relayed_by_the_pass_provider_to_the_idp_page_completes_the_action()
    {
        await using var scenario = await ApprovalScenario.StartAsync();
        await using var context = await chromium.NewContextAsync();

        // The owner registers the IdP page with the Pass Provider.
        var register = await context.NewPageAsync();
        await register.GotoAsync(scenario.Idp.Issuer + "/owner/passes/provider");
        await register.WaitForSelectorAsync("body[data-state='ready']");
        Assert.Equal(scenario.Provider.PageUrl, await register.InputValueAsync("#provider"));
        var offer = await register.RunAndWaitForPopupAsync(() => register.ClickAsync("#register-button"));
        await offer.WaitForSelectorAsync("body[data-state='presenting']");
        // Every Passport approval topic, in ApprovalTopics' order (passport-topics.js mirrors it).
        Assert.Equal("org.passport.approve-delegation, org.passport.approve-rotation, org.passport.revoke, "
            + "org.passport.revoke-delegation, org.passport.approve-claim, org.passport.recover-key, org.passport.veto-recovery, org.passport.owner-sign-in",
            await offer.TextContentAsync("dd[data-fact='Topics']"));
        await offer.ClickAsync("#approve");
        await register.WaitForSelectorAsync("body[data-state='registered']");

        // An owner link: the Pass Provider offers the IdP page beside its own key; the IdP page answers.
        var token = await scenario.RequestDelegationLinkAsync("read:orders");
        var page = await context.NewPageAsync();
        await page.GotoAsync(scenario.OwnerPageUrl(token));
        await page.WaitForSelectorAsync("body[data-state='ready']");
        var providerWindow = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#send"));
        var choices = await ChoicesAsync(providerWindow);
        Assert.Equal([scenario.Idp.Issuer, "self"], choices);
        var topicWindow = await ChooseAsync(providerWindow, scenario.Idp.Issuer);
        Assert.Equal(scenario.Idp.Issuer, await topicWindow.TextContentAsync("dd[data-fact='Requested by (origin)']"));
        Assert.Equal(scenario.Provider.Origin, await topicWindow.TextContentAsync("dd[data-fact='Relayed by (Pass Provider)']"));
        var thumbprint = await topicWindow.EvaluateAsync<string>("() => document.body.dataset.keyThumbprint");
        var completion = page.WaitForResponseAsync("**/owner/passes/complete");
        await topicWindow.ClickAsync("#approve");

        Assert.Equal("done", (await ApprovalScenario.OutcomeAsync(page)).State);
        var completed = JsonDocument.Parse(await (await completion).TextAsync()).RootElement;
        Assert.Contains(thumbprint, completed.GetProperty("ownerKey").GetRawText());
        var grant = Assert.Single(await scenario.Principal.DelegationsAsync());
        Assert.Equal(scenario.Actor.Handle, grant.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Request_from_a_pass_provider_the_idp_page_did_not_register_with_is_refused()
    {
        await using var provider = await ProviderHost.StartAsync();
        await using var idp = await IdpHost.StartAsync(provider.PageUrl);
        await using var stranger = await TestSiteHost.StartAsync();
        await using var context = await chromium.NewContextAsync();

        var page = await context.NewPageAsync();
        await page.GotoAsync(stranger.Origin + "/");
        var request = RequestEnvelopeV0.Encode("org.passport.revoke", System.Text.Encoding.UTF8.GetBytes(
            $$"""{"issuer":"{{idp.Issuer}}","nonce":"n-1","action":"revoke","handle":"calm-agent","did":"did:key:z6Mk","expiresAt":4102444800}"""));
        await SendAsync(page, idp.Issuer + "/owner/passes/provider", request);

        var result = ResultEnvelopeV0.Decode(await ResultAsync(page));
        Assert.Equal(ResultStatus.Exception, result.Status);
        Assert.StartsWith("passes.origin_not_approved: ", result.Message);
    }

    private static async Task<string[]> ChoicesAsync(Microsoft.Playwright.IPage providerWindow)
    {
        await providerWindow.WaitForSelectorAsync("body[data-state='choosing']");
        return await providerWindow.EvalOnSelectorAllAsync<string[]>("#choices button", "bs => bs.map(b => b.dataset.choice)");
    }
}
