using System.Net;
using Microsoft.Extensions.Options;

namespace Passport.Server.Approvals;

/// <summary>
/// <c>GET /owner/passes/provider</c>: the IdP as a Topic Provider (seeds/002) for the Passport approval topics.
/// Opened by the owner, it registers itself with the owner's Pass Provider (<c>org.passes.provide-topics</c>);
/// opened by that Pass Provider, it answers a relayed approval request with a key held in this origin's browser
/// storage, as a Pass Provider would (script: <c>/passes/owner-topic-provider.js</c>; docs/passes-topics.md).
/// </summary>
internal static class OwnerTopicProviderPage
{
    /// <summary>The page's path; also the <c>uri</c> it registers.</summary>
    public const string Path = "/owner/passes/provider";

    private const string Template = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Passport as your Topic Provider</title>
          <link rel="stylesheet" href="/passes/owner.css">
          <script type="module" src="/passes/owner-topic-provider.js"></script>
        </head>
        <body data-state="loading" data-provider-url="{{PROVIDER_URL}}">
          <main>
            <h1>Passport approvals in your Pass Provider</h1>
            <section id="register" hidden>
              <p>Let your Pass Provider hand Passport approval requests (delegation, rotation, revocation) to this
                 page. Your approvals are then signed by a key kept in this browser for this site.</p>
              <p><label>Your Pass Provider <input id="provider" type="url" size="40"></label></p>
              <p><button id="register-button" type="button">Register with my Pass Provider</button></p>
            </section>
            <section id="request" hidden>
              <h2 id="title"></h2>
              <p id="warning" class="warning" hidden></p>
              <dl id="facts"></dl>
              <p><button id="approve" type="button">Approve and sign</button>
                 <button id="reject" type="button">Reject</button></p>
            </section>
            <p class="key">Owner key of this page: <code id="key-thumbprint">…</code></p>
            <p id="status" role="status"></p>
          </main>
        </body>
        </html>
        """;

    public static IResult Get(HttpContext context, IOptions<PassesApprovalOptions> options)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = OwnerPassesPage.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // No Cross-Origin-Opener-Policy: the Pass Provider that opens this page (another origin) needs its window.opener.
        headers.CacheControl = "no-store";
        var html = Template.Replace("{{PROVIDER_URL}}", WebUtility.HtmlEncode(options.Value.ProviderUrl ?? ""), StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
