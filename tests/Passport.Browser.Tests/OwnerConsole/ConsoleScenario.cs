using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Passport.Browser.Tests.Hosts;

namespace Passport.Browser.Tests.OwnerConsole;

/// <summary>
/// The real IdP (with the sample Pass Provider as its default provider) and a real gateway that accepts the IdP's
/// tokens; owner A has two CLAIMED agents and a grant from the first to the second, owner B one CLAIMED agent.
/// <see cref="SignInAsync"/> signs an owner in to <c>/owner</c> in a browser context through the emailed link.
/// </summary>
public sealed class ConsoleScenario : IAsyncDisposable
{
    public const string OwnerA = "owner-a@example.com";
    public const string OwnerB = "owner-b@example.com";

    private ConsoleScenario(ProviderHost provider, IdpHost idp, GatewayHost gateway, Agent first, Agent second, Agent other, string grantId)
    {
        Provider = provider;
        Idp = idp;
        Gateway = gateway;
        First = first;
        Second = second;
        Other = other;
        GrantId = grantId;
    }

    public ProviderHost Provider { get; }

    public IdpHost Idp { get; }

    public GatewayHost Gateway { get; }

    /// <summary>Owner A's first agent (the grant's principal).</summary>
    public Agent First { get; }

    /// <summary>Owner A's second agent (the grant's actor).</summary>
    public Agent Second { get; }

    /// <summary>Owner B's agent.</summary>
    public Agent Other { get; }

    /// <summary>The grant <see cref="First"/> gave <see cref="Second"/> (scope <c>read:orders</c>).</summary>
    public string GrantId { get; }

    /// <summary>Starts everything; <paramref name="time"/> replaces the IdP's clock.</summary>
    public static async Task<ConsoleScenario> StartAsync(TimeProvider? time = null)
    {
        var provider = await ProviderHost.StartAsync();
        var gatewayOrigin = GatewayHost.NewOrigin();
        var idp = await IdpHost.StartAsync(provider.PageUrl, c => c["Passport:Audiences:0"] = gatewayOrigin, time);
        var gateway = await GatewayHost.StartAsync(idp, gatewayOrigin);
        var first = await new Agent(idp).RegisterAsync(OwnerA);
        var second = await new Agent(idp).RegisterAsync(OwnerA);
        var other = await new Agent(idp).RegisterAsync(OwnerB);

        // The grant through the emailed approval (no owner key is bound yet, so the link alone approves).
        var requested = await idp.Client.PostAsJsonAsync("/auth/owner/request",
            new { handle = first.Handle, action = "delegate", actor = second.Handle, scope = new[] { "read:orders" } });
        requested.EnsureSuccessStatusCode();
        var approved = await idp.Client.PostAsJsonAsync("/auth/owner/approve", new { token = TokenOf(await ApprovalLinkAsync(idp, OwnerA)) });
        approved.EnsureSuccessStatusCode();
        var grantId = (await first.DelegationsAsync()).Single().GetProperty("id").GetString()!;
        return new ConsoleScenario(provider, idp, gateway, first, second, other, grantId);
    }

    /// <summary>The newest approval link (<c>/owner/approve?token=…</c>) mailed to <paramref name="email"/>.</summary>
    public static async Task<string> ApprovalLinkAsync(IdpHost idp, string email) =>
        (await idp.LastMailLinksAsync(email)).Single(l => l.Contains("/owner/approve?token=", StringComparison.Ordinal));

    public Task<string> ApprovalLinkAsync(string email) => ApprovalLinkAsync(Idp, email);

    /// <summary>The <c>token</c> query value of a mailed link.</summary>
    public static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    /// <summary>How many mails the dev outbox holds for <paramref name="email"/>.</summary>
    public async Task<int> MailCountAsync(string email)
    {
        var outbox = await Idp.Client.GetFromJsonAsync<JsonElement>("/dev/outbox");
        return outbox.GetProperty("messages").EnumerateArray().Count(m => m.GetProperty("to").GetString() == email);
    }

    /// <summary>Asks for a sign-in link on the console's form in <paramref name="page"/> and returns the mailed link.</summary>
    public async Task<string> RequestSignInLinkAsync(IPage page, string email)
    {
        await page.GotoAsync(Idp.Issuer + "/owner");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mail me a sign-in link" }).ClickAsync();
        await page.WaitForSelectorAsync("p.notice[role='status']");
        return (await Idp.LastMailLinksAsync(email)).Single(l => l.StartsWith(Idp.Issuer + "/owner/sign-in?token=", StringComparison.Ordinal));
    }

    /// <summary>Signs <paramref name="email"/> in as a person would (form, mailed link, Sign in button); returns the console page.</summary>
    public async Task<IPage> SignInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        var link = await RequestSignInLinkAsync(page, email);
        await page.GotoAsync(link);
        await page.ClickAsync("#confirm");
        await page.WaitForURLAsync(Idp.Issuer + "/owner");
        Assert.Equal("Your agents", await page.TextContentAsync("h1"));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        First.Dispose();
        Second.Dispose();
        Other.Dispose();
        await Gateway.DisposeAsync();
        await Idp.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
