using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Passport.Browser.Tests.Hosts;

namespace Passport.Browser.Tests.Approvals;

/// <summary>
/// Two loopback origins (IdP, Pass Provider), a CLAIMED principal agent whose owner approves through Passes, and an
/// actor agent. <see cref="RequestOwnerLinkAsync"/> asks the IdP to mail an owner link and returns its token.
/// </summary>
public sealed class ApprovalScenario : IAsyncDisposable
{
    public const string OwnerEmail = "owner@example.com";

    private ApprovalScenario(ProviderHost provider, IdpHost idp, Agent principal, Agent actor)
    {
        Provider = provider;
        Idp = idp;
        Principal = principal;
        Actor = actor;
    }

    public ProviderHost Provider { get; }

    public IdpHost Idp { get; }

    public Agent Principal { get; }

    public Agent Actor { get; }

    public static async Task<ApprovalScenario> StartAsync()
    {
        var provider = await ProviderHost.StartAsync();
        var idp = await IdpHost.StartAsync(provider.PageUrl);
        var principal = await new Agent(idp).RegisterAsync(OwnerEmail);
        var actor = await new Agent(idp).RegisterAsync();
        return new ApprovalScenario(provider, idp, principal, actor);
    }

    /// <summary>Mails an owner link for a delegation to <see cref="Actor"/> and returns the link's token.</summary>
    public Task<string> RequestDelegationLinkAsync(params string[] scope) =>
        RequestOwnerLinkAsync(new { handle = Principal.Handle, action = "delegate", actor = Actor.Handle, scope });

    public async Task<string> RequestOwnerLinkAsync(object request)
    {
        var link = await RequestEmailedLinkAsync(request);
        return Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
    }

    /// <summary>Asks for an owner action and returns the link mailed to the owner (<c>/owner/approve?token=…</c>).</summary>
    public async Task<string> RequestEmailedLinkAsync(object request)
    {
        var response = await Idp.Client.PostAsJsonAsync("/auth/owner/request", request);
        Assert.Equal(202, (int)response.StatusCode);
        return (await Idp.LastMailLinksAsync(OwnerEmail)).Single(l => l.Contains("/owner/approve?token=", StringComparison.Ordinal));
    }

    /// <summary>The Passes owner page for an owner-link token.</summary>
    public string OwnerPageUrl(string token) => $"{Idp.Issuer}/owner/passes?token={Uri.EscapeDataString(token)}";

    /// <summary>Opens the owner page, clicks "Open my Pass Provider", waits until the provider presents the request.</summary>
    public async Task<(IPage Page, IPage Popup)> OpenProviderAsync(IBrowserContext context, string token)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(OwnerPageUrl(token));
        await page.WaitForSelectorAsync("body[data-state='ready']");
        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#send"));
        await popup.WaitForSelectorAsync("body[data-state='presenting']");
        return (page, popup);
    }

    /// <summary>Waits for the owner page to reach one of the final states and returns it with the status text.</summary>
    public static async Task<(string State, string Status, string? Code)> OutcomeAsync(IPage page)
    {
        await page.WaitForSelectorAsync("body[data-state='done'], body[data-state='rejected'], body[data-state='refused'], body[data-state='error']");
        var outcome = await page.EvaluateAsync<JsonElement>(
            "() => ({ state: document.body.dataset.state, status: document.getElementById('status').textContent, code: document.getElementById('status').dataset.code ?? null })");
        return (outcome.GetProperty("state").GetString()!, outcome.GetProperty("status").GetString()!,
            outcome.GetProperty("code").ValueKind == JsonValueKind.String ? outcome.GetProperty("code").GetString() : null);
    }

    /// <summary>A token exchange by the actor for the principal.</summary>
    public Task<HttpResponseMessage> ExchangeAsync(string[]? scope = null) =>
        Actor.SendAsync(HttpMethod.Post, "/auth/token/exchange", new { principal = Principal.Handle, scope });

    public async ValueTask DisposeAsync()
    {
        Principal.Dispose();
        Actor.Dispose();
        await Idp.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
