using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Passport.Testing;

namespace Passport.Browser.Tests.Hosts;

/// <summary>
/// A loopback origin for tests: a blank requesting page, the Passes modules (from src/Passport.Server/wwwroot/passes
/// on disk) under <c>/passes/</c>, and <c>/forge.html</c>, which posts a forged result to its parent window.
/// </summary>
public sealed class TestSiteHost : IAsyncDisposable
{
    /// <summary>A page that, framed by a requesting app, posts a forged accepted result to it.</summary>
    public const string ForgePage = """
        <!doctype html><html><body><script>
        const forged = new Uint8Array([0, 102, 111, 114, 103, 101, 100]);
        window.parent.postMessage({ type: 'org.passes.messaging.connect' }, '*');
        window.parent.postMessage({ type: 'org.passes.messaging.result', result: forged }, '*');
        document.body.dataset.sent = 'yes';
        </script></body></html>
        """;

    /// <summary>A page that, loaded in the provider popup instead of the provider, posts a forged result to its opener.</summary>
    public const string ForgeOpenerPage = """
        <!doctype html><html><body><script>
        const forged = new Uint8Array([0, 102, 111, 114, 103, 101, 100]);
        window.opener.postMessage({ type: 'org.passes.messaging.connect' }, '*');
        window.opener.postMessage({ type: 'org.passes.messaging.result', result: forged }, '*');
        document.body.dataset.sent = 'yes';
        </script></body></html>
        """;

    /// <summary>
    /// A Topic Provider for tests. Opened directly, <c>window.register(providerUrl, topics, uri?)</c> sends
    /// <c>org.passes.provide-topics</c> and resolves with the result hex. Opened by a Pass Provider, it awaits the
    /// relayed request; <c>window.answer('accept'|'reject')</c> answers with <c>"{origin}|{relayedFor}|" + body</c>
    /// (accepted) or a rejection.
    /// </summary>
    public const string TopicProviderPage = """
        <!doctype html><html><head><title>topic provider</title></head><body data-state="loading"><p>Test Topic Provider</p><script type="module">
        import { awaitRequest, sendResult } from '/passes/messaging.js';
        import { installPasses } from '/passes/polyfill.js';
        import { provideTopics } from '/passes/topics.js';
        import { accepted, decodeRequest, rejected } from '/passes/envelope.js';
        import { concat, toHex, utf8Encode } from '/passes/bytes.js';
        if (!window.opener) {
          window.register = async (providerUrl, topics, uri = location.origin + '/topic-provider.html') =>
            toHex(await installPasses({ providerUrl }).request(provideTopics.encodeRequest({ uri, topics })));
          document.body.dataset.state = 'idle';
        } else {
          const { request, origin, relayedFor } = await awaitRequest();
          const { body } = decodeRequest(request);
          window.answer = (kind) => sendResult(kind === 'accept'
            ? accepted(concat(utf8Encode(`${location.origin}|${relayedFor}|`), body)) : rejected(), origin);
          document.body.dataset.origin = origin;
          document.body.dataset.state = 'presenting';
        }
        </script></body></html>
        """;

    private readonly WebApplication _app;

    private TestSiteHost(WebApplication app, string origin)
    {
        _app = app;
        Origin = origin;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41235</c>.</summary>
    public string Origin { get; }

    /// <summary>Starts the site on a free loopback port.</summary>
    public static async Task<TestSiteHost> StartAsync()
    {
        var origin = $"http://127.0.0.1:{FreePort.Get()}";
        var builder = WebApplication.CreateBuilder(["--urls", origin, "--environment", "Production"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var passes = TestPaths.InRepo("src/Passport.Server/wwwroot/passes");
        app.MapGet("/", () => Results.Content("<!doctype html><html><head><title>requester</title></head><body></body></html>", "text/html"));
        app.MapGet("/forge.html", () => Results.Content(ForgePage, "text/html"));
        app.MapGet("/forge-opener.html", () => Results.Content(ForgeOpenerPage, "text/html"));
        app.MapGet("/topic-provider.html", () => Results.Content(TopicProviderPage, "text/html"));
        app.MapGet("/passes/{file}", (string file) =>
        {
            var path = Path.Combine(passes, file);
            return file.EndsWith(".js", StringComparison.Ordinal) && !file.Contains('/') && File.Exists(path)
                ? Results.Text(File.ReadAllText(path), "text/javascript", Encoding.UTF8)
                : Results.NotFound();
        });
        await app.StartAsync();
        return new TestSiteHost(app, origin);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
