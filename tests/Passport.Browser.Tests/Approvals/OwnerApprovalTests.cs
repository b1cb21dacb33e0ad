using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Passport.Browser.Tests.Browser;
using Passport.Browser.Tests.Hosts;

namespace Passport.Browser.Tests.Approvals;

/// <summary>Owner approvals through Passes, end to end in Chromium: the IdP's owner page, the sample Pass Provider.</summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "Slow")]
public sealed class OwnerApprovalTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Approved_delegation_creates_the_grant_and_the_token_exchange_works()
    {
        await using var scenario = await ApprovalScenario.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var emailed = await scenario.RequestEmailedLinkAsync(new
        {
            handle = scenario.Principal.Handle, action = "delegate", actor = scenario.Actor.Handle, scope = new[] { "read:orders", "write:orders" },
        });

        // From the emailed link to the Passes owner page, then to the Pass Provider.
        var page = await context.NewPageAsync();
        await page.GotoAsync(emailed);
        await page.ClickAsync("#passes");
        await page.WaitForSelectorAsync("body[data-state='ready']");
        Assert.DoesNotContain("token=", page.Url);
        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#send"));
        await popup.WaitForSelectorAsync("body[data-state='presenting']");
        Assert.Contains(scenario.Actor.Handle, await popup.TextContentAsync("#title"));
        Assert.Equal("read:orders, write:orders", await popup.TextContentAsync("dd[data-fact='Allowed scopes']"));
        Assert.Equal(scenario.Idp.Issuer, await popup.TextContentAsync("dd[data-fact='Requested by (origin)']"));
        await popup.ClickAsync("#approve");

        var (state, status, _) = await ApprovalScenario.OutcomeAsync(page);
        Assert.Equal("done", state);
        Assert.Contains("delegate", status);

        var grant = Assert.Single(await scenario.Principal.DelegationsAsync());
        Assert.Equal(scenario.Actor.Handle, grant.GetProperty("actor").GetString());
        Assert.Equal("ACTIVE", grant.GetProperty("status").GetString());

        var exchange = await scenario.ExchangeAsync(["read:orders"]);
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        var exchanged = await exchange.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(grant.GetProperty("id").GetString(), exchanged.GetProperty("grant_id").GetString());
    }

    [Fact]
    public async Task Rejected_request_changes_nothing()
    {
        await using var scenario = await ApprovalScenario.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var token = await scenario.RequestDelegationLinkAsync("read:orders");

        var (page, popup) = await scenario.OpenProviderAsync(context, token);
        await popup.ClickAsync("#reject");

        var (state, _, _) = await ApprovalScenario.OutcomeAsync(page);
        Assert.Equal("rejected", state);
        Assert.Empty(await scenario.Principal.DelegationsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.ExchangeAsync()).StatusCode);
    }

    [Fact]
    public async Task Result_replayed_from_a_previous_approval_is_refused()
    {
        await using var scenario = await ApprovalScenario.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var firstToken = await scenario.RequestDelegationLinkAsync("read:orders");
        var (page, popup) = await scenario.OpenProviderAsync(context, firstToken);
        var completion = page.WaitForRequestAsync("**/owner/passes/complete");
        await popup.ClickAsync("#approve");
        var firstResult = JsonDocument.Parse((await completion).PostData!).RootElement.GetProperty("result").GetString()!;
        Assert.Equal("done", (await ApprovalScenario.OutcomeAsync(page)).State);

        // The same result again, for the same (now used) link.
        var again = await CompleteAsync(scenario, firstToken, firstResult);
        Assert.Equal("owner_link.used", again);

        // The same result for a new link (a wider delegation): the signed body answers another request.
        var secondToken = await scenario.RequestDelegationLinkAsync("read:orders", "admin:all");
        var secondPage = await context.NewPageAsync();
        await secondPage.GotoAsync(scenario.OwnerPageUrl(secondToken));
        await secondPage.WaitForSelectorAsync("body[data-state='ready']");
        Assert.Equal("approval.unknown_request", await CompleteAsync(scenario, secondToken, firstResult));

        var grant = Assert.Single(await scenario.Principal.DelegationsAsync());
        Assert.Equal(["read:orders"], grant.GetProperty("scope").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Altered_result_is_refused()
    {
        await using var scenario = await ApprovalScenario.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var token = await scenario.RequestDelegationLinkAsync("read:orders");
        var (page, popup) = await scenario.OpenProviderAsync(context, token);

        // Alter the result on its way to the IdP: one bit of the signed body (the scope list's last byte region).
        await page.RouteAsync("**/owner/passes/complete", async route =>
        {
            var body = JsonDocument.Parse(route.Request.PostData!).RootElement;
            var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(body.GetProperty("result").GetString()!);
            bytes[^3] ^= 0x01;
            await route.ContinueAsync(new RouteContinueOptions
            {
                PostData = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
                {
                    token = body.GetProperty("token").GetString(),
                    result = System.Buffers.Text.Base64Url.EncodeToString(bytes),
                })),
            });
        });
        await popup.ClickAsync("#approve");

        var (state, _, code) = await ApprovalScenario.OutcomeAsync(page);
        Assert.Equal("refused", state);
        Assert.Equal("approval.invalid_signature", code);
        Assert.Empty(await scenario.Principal.DelegationsAsync());
    }

    [Fact]
    public async Task After_the_first_approval_only_the_bound_owner_key_can_approve()
    {
        await using var scenario = await ApprovalScenario.StartAsync();
        await using (var ownerBrowser = await chromium.NewContextAsync())
        {
            var (page, popup) = await scenario.OpenProviderAsync(ownerBrowser, await scenario.RequestDelegationLinkAsync("read:orders"));
            await popup.ClickAsync("#approve");
            Assert.Equal("done", (await ApprovalScenario.OutcomeAsync(page)).State);
        }

        // Another browser = another Pass Provider key (its own IndexedDB).
        await using var otherBrowser = await chromium.NewContextAsync();
        var (otherPage, otherPopup) = await scenario.OpenProviderAsync(otherBrowser, await scenario.RequestDelegationLinkAsync("write:orders"));
        await otherPopup.ClickAsync("#approve");

        var (state, _, code) = await ApprovalScenario.OutcomeAsync(otherPage);
        Assert.Equal("refused", state);
        Assert.Equal("approval.signer_mismatch", code);
        Assert.Single(await scenario.Principal.DelegationsAsync());
    }

    [Fact]
    public async Task Message_from_a_wrong_origin_in_the_provider_window_is_ignored()
    {
        await using var scenario = await ApprovalScenario.StartAsync();
        await using var evil = await TestSiteHost.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var (page, popup) = await scenario.OpenProviderAsync(context, await scenario.RequestDelegationLinkAsync("read:orders"));

        // The provider window navigates to another origin, which forges a connect and an accepted result.
        await popup.GotoAsync(evil.Origin + "/forge-opener.html");
        await page.WaitForFunctionAsync("() => window.passportIgnoredMessages.length >= 2");
        Assert.Equal("waiting", await page.EvaluateAsync<string>("() => document.body.dataset.state"));

        // Back at the provider, the owner approves: the real answer is the one used.
        await popup.GotoAsync(scenario.Provider.PageUrl);
        await popup.WaitForSelectorAsync("body[data-state='presenting']");
        await popup.ClickAsync("#approve");

        Assert.Equal("done", (await ApprovalScenario.OutcomeAsync(page)).State);
        var ignored = await page.EvaluateAsync<string[]>("() => window.passportIgnoredMessages");
        Assert.All(ignored, reason => Assert.StartsWith($"message from origin {evil.Origin}", reason));
        Assert.Single(await scenario.Principal.DelegationsAsync());
    }

    [Fact]
    public async Task Provider_closed_before_answering_shows_a_clear_error_and_changes_nothing()
    {
        await using var scenario = await ApprovalScenario.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var (page, popup) = await scenario.OpenProviderAsync(context, await scenario.RequestDelegationLinkAsync("read:orders"));
        await popup.CloseAsync();

        var (state, status, code) = await ApprovalScenario.OutcomeAsync(page);
        Assert.Equal("error", state);
        Assert.Equal("passes.provider_closed", code);
        Assert.Equal("The Pass Provider window was closed before it answered the request.", status);
        Assert.Empty(await scenario.Principal.DelegationsAsync());
    }

    private static async Task<string?> CompleteAsync(ApprovalScenario scenario, string token, string result)
    {
        var response = await scenario.Idp.Client.PostAsJsonAsync("/owner/passes/complete", new { token, result });
        Assert.False(response.IsSuccessStatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
    }
}
