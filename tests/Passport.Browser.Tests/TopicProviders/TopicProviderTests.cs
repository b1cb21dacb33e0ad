using System.Text;
using Passes;
using Passport.Browser.Tests.Browser;
using Passport.Browser.Tests.Hosts;
using static Passport.Browser.Tests.TopicProviders.TopicProviderSteps;

namespace Passport.Browser.Tests.TopicProviders;

/// <summary>
/// The sample Pass Provider delegating topics to Topic Providers (org.passes.provide-topics), in Chromium with real
/// loopback origins: a requesting site, the Pass Provider and one or two Topic Provider sites.
/// </summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "Slow")]
public sealed class TopicProviderTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Request_for_a_provided_topic_is_relayed_and_its_result_comes_back_unchanged()
    {
        await using var provider = await ProviderHost.StartAsync();
        await using var topicSite = await TestSiteHost.StartAsync();
        await using var requester = await TestSiteHost.StartAsync();
        await using var context = await chromium.NewContextAsync();

        var (offer, offered) = await OfferAsync(context, topicSite.Origin, provider.PageUrl, [EchoTopic, "com.example.other"]);
        await offer.WaitForSelectorAsync("body[data-state='presenting']");
        Assert.Equal(topicSite.Origin, await offer.TextContentAsync("dd[data-fact='Site (origin)']"));
        Assert.Equal($"{EchoTopic}, com.example.other", await offer.TextContentAsync("dd[data-fact='Topics']"));
        await offer.ClickAsync("#approve");
        Assert.Equal([0x00], await offered());

        var page = await context.NewPageAsync();
        await page.GotoAsync(requester.Origin + "/");
        var providerWindow = await SendAsync(page, provider.PageUrl, EchoRequest("hello"));
        var topicWindow = await ChooseAsync(providerWindow, topicSite.Origin);
        Assert.Equal(provider.Origin, await topicWindow.EvaluateAsync<string>("() => document.body.dataset.origin"));
        await topicWindow.EvaluateAsync("() => window.answer('accept')");

        // Exactly the bytes the Topic Provider sent: accepted + "{its origin}|{requesting origin}|{request body}".
        var expected = ResultEnvelopeV0.Accepted(Encoding.UTF8.GetBytes($"{topicSite.Origin}|{requester.Origin}|hello")).Encode();
        Assert.Equal(expected, await ResultAsync(page));
    }

    [Fact]
    public async Task Rejection_by_the_topic_provider_reaches_the_requester_as_rejected()
    {
        await using var provider = await ProviderHost.StartAsync();
        await using var topicSite = await TestSiteHost.StartAsync();
        await using var requester = await TestSiteHost.StartAsync();
        await using var context = await chromium.NewContextAsync();
        await RegisterAsync(context, topicSite.Origin, provider.PageUrl, EchoTopic);

        var page = await context.NewPageAsync();
        await page.GotoAsync(requester.Origin + "/");
        var providerWindow = await SendAsync(page, provider.PageUrl, EchoRequest("hello"));
        var topicWindow = await ChooseAsync(providerWindow, topicSite.Origin);
        await topicWindow.EvaluateAsync("() => window.answer('reject')");

        Assert.Equal([0x01], await ResultAsync(page));
    }

    [Fact]
    public async Task Topic_provider_window_closed_before_answering_gives_a_coded_exception()
    {
        await using var provider = await ProviderHost.StartAsync();
        await using var topicSite = await TestSiteHost.StartAsync();
        await using var requester = await TestSiteHost.StartAsync();
        await using var context = await chromium.NewContextAsync();
        await RegisterAsync(context, topicSite.Origin, provider.PageUrl, EchoTopic);

        var page = await context.NewPageAsync();
        await page.GotoAsync(requester.Origin + "/");
        var providerWindow = await SendAsync(page, provider.PageUrl, EchoRequest("hello"));
        var topicWindow = await ChooseAsync(providerWindow, topicSite.Origin);
        await topicWindow.CloseAsync();

        var result = ResultEnvelopeV0.Decode(await ResultAsync(page));
        Assert.Equal(ResultStatus.Exception, result.Status);
        Assert.StartsWith("passes.topic_provider_closed: ", result.Message);
    }

    [Fact]
    public async Task Invalid_offer_and_offer_of_another_origins_page_are_refused_with_codes()
    {
        await using var provider = await ProviderHost.StartAsync();
        await using var topicSite = await TestSiteHost.StartAsync();
        await using var otherSite = await TestSiteHost.StartAsync();
        await using var context = await chromium.NewContextAsync();

        var (_, empty) = await OfferAsync(context, topicSite.Origin, provider.PageUrl, []);
        var refused = ResultEnvelopeV0.Decode(await empty());
        Assert.Equal(ResultStatus.Exception, refused.Status);
        Assert.StartsWith("passes.invalid_provide_topics: ", refused.Message);

        var (_, builtIn) = await OfferAsync(context, topicSite.Origin, provider.PageUrl, ["org.passes.provide-topics"]);
        Assert.StartsWith("passes.invalid_provide_topics: ", ResultEnvelopeV0.Decode(await builtIn()).Message);

        // A site offering a page of another origin: it could route other people's requests to a page it does not own.
        var (_, foreign) = await OfferAsync(context, topicSite.Origin, provider.PageUrl, [EchoTopic], otherSite.Origin + "/topic-provider.html");
        Assert.StartsWith("passes.provider_origin_mismatch: ", ResultEnvelopeV0.Decode(await foreign()).Message);

        // Nothing was remembered: the topic is still unsupported.
        var page = await context.NewPageAsync();
        await page.GotoAsync(otherSite.Origin + "/");
        await SendAsync(page, provider.PageUrl, EchoRequest("hello"));
        Assert.Equal([0x02], await ResultAsync(page));
    }

    [Fact]
    public async Task Rejected_offer_is_not_remembered()
    {
        await using var provider = await ProviderHost.StartAsync();
        await using var topicSite = await TestSiteHost.StartAsync();
        await using var context = await chromium.NewContextAsync();

        var (offer, offered) = await OfferAsync(context, topicSite.Origin, provider.PageUrl, [EchoTopic]);
        await offer.WaitForSelectorAsync("body[data-state='presenting']");
        await offer.ClickAsync("#reject");
        Assert.Equal([0x01], await offered());

        var page = await context.NewPageAsync();
        await page.GotoAsync(provider.PageUrl);
        await page.WaitForSelectorAsync("body[data-state='idle']");
        Assert.Equal(0, await page.Locator("#topic-provider-list li").CountAsync());
    }

    [Fact]
    public async Task Chooser_lists_both_providers_and_the_chosen_one_answers()
    {
        await using var provider = await ProviderHost.StartAsync();
        await using var first = await TestSiteHost.StartAsync();
        await using var second = await TestSiteHost.StartAsync();
        await using var requester = await TestSiteHost.StartAsync();
        await using var context = await chromium.NewContextAsync();
        await RegisterAsync(context, first.Origin, provider.PageUrl, EchoTopic);
        await RegisterAsync(context, second.Origin, provider.PageUrl, EchoTopic);

        var page = await context.NewPageAsync();
        await page.GotoAsync(requester.Origin + "/");
        var providerWindow = await SendAsync(page, provider.PageUrl, EchoRequest("pick"));
        await providerWindow.WaitForSelectorAsync("body[data-state='choosing']");
        var choices = await providerWindow.EvalOnSelectorAllAsync<string[]>("#choices button", "bs => bs.map(b => b.dataset.choice)");
        Assert.Equal([first.Origin, second.Origin], choices);

        var topicWindow = await ChooseAsync(providerWindow, second.Origin);
        await topicWindow.EvaluateAsync("() => window.answer('accept')");
        var expected = ResultEnvelopeV0.Accepted(Encoding.UTF8.GetBytes($"{second.Origin}|{requester.Origin}|pick")).Encode();
        Assert.Equal(expected, await ResultAsync(page));
    }

    [Fact]
    public async Task Revoked_topic_provider_is_no_longer_used()
    {
        await using var provider = await ProviderHost.StartAsync();
        await using var topicSite = await TestSiteHost.StartAsync();
        await using var requester = await TestSiteHost.StartAsync();
        await using var context = await chromium.NewContextAsync();
        await RegisterAsync(context, topicSite.Origin, provider.PageUrl, EchoTopic);

        var ui = await context.NewPageAsync();
        await ui.GotoAsync(provider.PageUrl);
        await ui.WaitForSelectorAsync("body[data-state='idle']");
        var entry = ui.Locator($"#topic-provider-list li[data-topic='{EchoTopic}'][data-origin='{topicSite.Origin}']");
        Assert.Equal(1, await entry.CountAsync());
        await entry.Locator("button.revoke").ClickAsync();
        Assert.Equal(0, await ui.Locator("#topic-provider-list li").CountAsync());

        var page = await context.NewPageAsync();
        await page.GotoAsync(requester.Origin + "/");
        await SendAsync(page, provider.PageUrl, EchoRequest("hello"));
        Assert.Equal([0x02], await ResultAsync(page));
    }
}
