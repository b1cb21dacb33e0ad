using System.Net.Http.Json;
using System.Text.Json;
using Passport.Browser.Tests.Browser;

namespace Passport.Browser.Tests.Approvals;

/// <summary>
/// Owner-key recovery in Chromium with the sample Pass Provider (docs/owner.md "Recovering a lost owner key"): the old
/// browser's key is bound by a first approval; a second, fresh browser (a new key) approves the mailed
/// <c>recover-key</c> link on the owner page; the old browser vetoes on the veto page, which needs no token.
/// </summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "Slow")]
public sealed class KeyRecoveryBrowserTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task New_browser_starts_a_recovery_and_the_old_browser_vetoes_it_on_the_veto_page()
    {
        await using var scenario = await ApprovalScenario.StartAsync();
        var handle = scenario.Principal.Handle;
        await using var oldBrowser = await chromium.NewContextAsync();
        await using var newBrowser = await chromium.NewContextAsync();

        // The old browser's provider key becomes the owner key (first approval).
        var (bindPage, bindPopup) = await scenario.OpenProviderAsync(oldBrowser, await scenario.RequestDelegationLinkAsync("read:orders"));
        await bindPopup.ClickAsync("#approve");
        Assert.Equal("done", (await ApprovalScenario.OutcomeAsync(bindPage)).State);

        // A fresh browser (another key) approves the recovery link.
        var (page, popup) = await scenario.OpenProviderAsync(newBrowser, await scenario.RequestOwnerLinkAsync(new { handle, action = "recover-key" }));
        Assert.Contains("recovery", await popup.TextContentAsync("#title"));
        await popup.ClickAsync("#approve");
        var (state, status, _) = await ApprovalScenario.OutcomeAsync(page);
        Assert.Equal("done", state);
        Assert.Contains("becomes your owner key at", status);
        var vetoLink = (await scenario.Idp.LastMailLinksAsync(ApprovalScenario.OwnerEmail)).Single();
        Assert.Equal($"{scenario.Idp.Issuer}/owner/recovery/veto?handle={handle}", vetoLink);

        // The old browser's next approval page warns about it and links the veto page.
        var warned = await oldBrowser.NewPageAsync();
        await warned.GotoAsync(scenario.OwnerPageUrl(await scenario.RequestDelegationLinkAsync("read:orders")));
        await warned.WaitForSelectorAsync("body[data-state='ready']");
        Assert.True(await warned.IsVisibleAsync("#recovery-warning"));
        Assert.Equal(vetoLink, await warned.GetAttributeAsync("#recovery-veto", "href"));

        // The old browser vetoes from the mailed veto page.
        var veto = await oldBrowser.NewPageAsync();
        await veto.GotoAsync(vetoLink);
        await veto.WaitForSelectorAsync("body[data-state='ready']");
        var vetoPopup = await veto.RunAndWaitForPopupAsync(() => veto.ClickAsync("#send"));
        await vetoPopup.WaitForSelectorAsync("body[data-state='presenting']");
        Assert.Contains("Veto", await vetoPopup.TextContentAsync("#title"));
        await vetoPopup.ClickAsync("#approve");
        var (vetoState, vetoStatus, _) = await ApprovalScenario.OutcomeAsync(veto);
        Assert.Equal("done", vetoState);
        Assert.Contains("veto-recovery", vetoStatus);

        using var after = await scenario.Idp.Client.PostAsJsonAsync("/owner/recovery/veto/request", new { handle });
        Assert.Equal("recovery.not_pending", (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
