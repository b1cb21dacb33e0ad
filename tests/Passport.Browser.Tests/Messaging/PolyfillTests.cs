using System.Text.Json;
using Microsoft.Playwright;
using Passes;
using Passport.Browser.Tests.Browser;
using Passport.Browser.Tests.Hosts;

namespace Passport.Browser.Tests.Messaging;

/// <summary>
/// document.passes (polyfill.js) against the sample Pass Provider, two loopback origins, no IdP: the provider window
/// closed before answering, messages from another origin, unsupported topics.
/// </summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PolyfillTests(ChromiumFixture chromium)
{
    /// <summary>Starts a request in the page; the outcome is kept in window.__outcome.</summary>
    private const string StartRequest = """
        async ([providerUrl, requestHex]) => {
          const { installPasses } = await import('/passes/polyfill.js');
          const { fromHex, toHex } = await import('/passes/bytes.js');
          window.__ignored = [];
          const passes = installPasses({ providerUrl, onIgnoredMessage: (reason) => window.__ignored.push(reason) });
          window.__outcome = passes.request(fromHex(requestHex)).then(
            (result) => ({ ok: true, resultHex: toHex(result) }),
            (e) => ({ ok: false, name: e.name, code: e.code, message: e.message }));
        }
        """;

    [Fact]
    public async Task Provider_window_closed_before_answering_rejects_with_a_clear_error()
    {
        await using var provider = await ProviderHost.StartAsync();
        await using var requester = await TestSiteHost.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(requester.Origin + "/");

        var popup = await page.RunAndWaitForPopupAsync(() =>
            page.EvaluateAsync(StartRequest, new[] { provider.PageUrl, Hex(RevokeRequest(requester.Origin)) }));
        await Expect(popup, "presenting");
        await popup.CloseAsync();

        var outcome = await page.EvaluateAsync<JsonElement>("() => window.__outcome");
        Assert.False(outcome.GetProperty("ok").GetBoolean());
        Assert.Equal("passes.provider_closed", outcome.GetProperty("code").GetString());
        Assert.Equal("The Pass Provider window was closed before it answered the request.", outcome.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Message_from_a_wrong_origin_is_ignored_and_the_provider_answer_is_used()
    {
        await using var provider = await ProviderHost.StartAsync();
        await using var requester = await TestSiteHost.StartAsync();
        await using var evil = await TestSiteHost.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(requester.Origin + "/");

        var popup = await page.RunAndWaitForPopupAsync(() =>
            page.EvaluateAsync(StartRequest, new[] { provider.PageUrl, Hex(RevokeRequest(requester.Origin)) }));
        await Expect(popup, "presenting");

        // Another origin, framed in the requesting page, forges a connect and an accepted result.
        await page.EvaluateAsync("""
            (src) => new Promise((resolve) => {
              const frame = document.createElement('iframe');
              frame.src = src;
              frame.onload = resolve;
              document.body.append(frame);
            })
            """, evil.Origin + "/forge.html");
        await page.WaitForFunctionAsync("() => window.__ignored.length >= 2");

        await popup.ClickAsync("#approve");
        var outcome = await page.EvaluateAsync<JsonElement>("() => window.__outcome");
        Assert.True(outcome.GetProperty("ok").GetBoolean(), outcome.GetRawText());

        var verified = SignedResultVerifier.VerifyResult(Convert.FromHexString(outcome.GetProperty("resultHex").GetString()!), null);
        var body = verified.DecodeBody(ApprovalBody.Codec);
        Assert.Equal("org.passport.revoke", body.Topic);
        Assert.Equal(requester.Origin, body.Origin);

        var ignored = await page.EvaluateAsync<string[]>("() => window.__ignored");
        Assert.All(ignored, reason => Assert.Equal("message from a window other than the Pass Provider", reason));
    }

    [Fact]
    public async Task Provider_answers_unsupported_for_a_topic_it_does_not_handle()
    {
        await using var provider = await ProviderHost.StartAsync();
        await using var requester = await TestSiteHost.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(requester.Origin + "/");

        await page.RunAndWaitForPopupAsync(() =>
            page.EvaluateAsync(StartRequest, new[] { provider.PageUrl, "000f636f6d2e6578616d706c652e74657374" }));
        var outcome = await page.EvaluateAsync<JsonElement>("() => window.__outcome");

        Assert.True(outcome.GetProperty("ok").GetBoolean(), outcome.GetRawText());
        Assert.Equal("02", outcome.GetProperty("resultHex").GetString());
    }

    [Fact]
    public async Task Provider_will_not_sign_a_request_whose_issuer_is_not_the_requesting_origin()
    {
        await using var provider = await ProviderHost.StartAsync();
        await using var requester = await TestSiteHost.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(requester.Origin + "/");

        var popup = await page.RunAndWaitForPopupAsync(() =>
            page.EvaluateAsync(StartRequest, new[] { provider.PageUrl, Hex(RevokeRequest("https://passport.example.com")) }));
        await Expect(popup, "presenting");

        Assert.True(await popup.IsVisibleAsync("#warning"));
        Assert.Contains(requester.Origin, await popup.TextContentAsync("#warning"));
        Assert.True(await popup.IsDisabledAsync("#approve"));
        await popup.ClickAsync("#reject");
        var outcome = await page.EvaluateAsync<JsonElement>("() => window.__outcome");
        Assert.Equal("01", outcome.GetProperty("resultHex").GetString());
    }

    private static byte[] RevokeRequest(string issuer) =>
        RequestEnvelopeV0.Encode("org.passport.revoke", System.Text.Encoding.UTF8.GetBytes(
            $$"""{"issuer":"{{issuer}}","nonce":"n-1","action":"revoke","handle":"calm-agent","name":"Agent","did":"did:key:z6Mk","expiresAt":4102444800}"""));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static Task Expect(IPage popup, string state) =>
        popup.WaitForSelectorAsync($"body[data-state='{state}']", new() { Timeout = 20_000 });
}
