using System.Text.Json;
using Microsoft.Playwright;
using Passes;

namespace Passport.Browser.Tests.TopicProviders;

/// <summary>Browser steps shared by the Topic Provider tests (docs/passes.md "Topic Providers").</summary>
internal static class TopicProviderSteps
{
    /// <summary>The topic the test Topic Providers answer.</summary>
    public const string EchoTopic = "com.example.echo";

    /// <summary>Starts <c>document.passes.request</c> in the page; the outcome is kept in <c>window.__outcome</c>.</summary>
    private const string StartRequest = """
        async ([providerUrl, requestHex]) => {
          const { createPasses } = await import('/passes/polyfill.js');
          const { fromHex, toHex } = await import('/passes/bytes.js');
          window.__outcome = createPasses({ providerUrl }).request(fromHex(requestHex)).then(
            (result) => ({ ok: true, resultHex: toHex(result) }),
            (e) => ({ ok: false, name: e.name, code: e.code, message: e.message }));
        }
        """;

    /// <summary>An echo request with a UTF-8 body.</summary>
    public static byte[] EchoRequest(string body) => RequestEnvelopeV0.Encode(EchoTopic, System.Text.Encoding.UTF8.GetBytes(body));

    /// <summary>Sends <paramref name="request"/> from <paramref name="page"/> to the Pass Provider and returns its window.</summary>
    public static Task<IPage> SendAsync(IPage page, string providerUrl, byte[] request) =>
        page.RunAndWaitForPopupAsync(() => page.EvaluateAsync(StartRequest, new[] { providerUrl, Convert.ToHexStringLower(request) }));

    /// <summary>The result the requesting page received (throws when the request failed in transport).</summary>
    public static async Task<byte[]> ResultAsync(IPage page)
    {
        var outcome = await page.EvaluateAsync<JsonElement>("() => window.__outcome");
        Assert.True(outcome.GetProperty("ok").GetBoolean(), outcome.GetRawText());
        return Convert.FromHexString(outcome.GetProperty("resultHex").GetString()!);
    }

    /// <summary>
    /// Opens the test Topic Provider page of <paramref name="siteOrigin"/>, sends provide-topics to the Pass Provider
    /// and returns the provider window (presenting) and a task for the result bytes.
    /// </summary>
    public static async Task<(IPage Popup, Func<Task<byte[]>> Result)> OfferAsync(
        IBrowserContext context, string siteOrigin, string providerUrl, string[] topics, string? uri = null)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(siteOrigin + "/topic-provider.html");
        await page.WaitForSelectorAsync("body[data-state='idle']");
        var popup = await page.RunAndWaitForPopupAsync(() => page.EvaluateAsync(
            "([p, t, u]) => { window.__registration = window.register(p, t, u ?? undefined); }",
            new object?[] { providerUrl, topics, uri }));
        return (popup, async () => Convert.FromHexString(await page.EvaluateAsync<string>("() => window.__registration")));
    }

    /// <summary>Offers the topics and approves the offer in the Pass Provider; asserts the accepted (Void) result.</summary>
    public static async Task RegisterAsync(IBrowserContext context, string siteOrigin, string providerUrl, params string[] topics)
    {
        var (popup, result) = await OfferAsync(context, siteOrigin, providerUrl, topics);
        await popup.WaitForSelectorAsync("body[data-state='presenting']");
        await popup.ClickAsync("#approve");
        Assert.Equal([0x00], await result());
    }

    /// <summary>In the Pass Provider window, picks <paramref name="choice"/> and returns the opened Topic Provider window.</summary>
    public static async Task<IPage> ChooseAsync(IPage providerWindow, string choice)
    {
        await providerWindow.WaitForSelectorAsync("body[data-state='choosing']");
        var topicProvider = await providerWindow.RunAndWaitForPopupAsync(() => providerWindow.ClickAsync($"button[data-choice='{choice}']"));
        await topicProvider.WaitForSelectorAsync("body[data-state='presenting']");
        return topicProvider;
    }
}
