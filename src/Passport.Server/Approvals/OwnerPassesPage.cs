namespace Passport.Server.Approvals;

/// <summary>
/// The static owner page; its script (<c>/passes/owner-approve.js</c>) reads the token from the URL, drops it from the
/// address bar, and talks to the Pass Provider through the polyfill. No inline script: the CSP allows own files only.
/// </summary>
internal static class OwnerPassesPage
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The owner-link page (<c>/owner/passes</c>).</summary>
    public static readonly string Owner = Render("/owner/passes", "Approve with your Pass Provider");

    /// <summary>The claim page (<c>/claim/passes</c>): the same script, another API base.</summary>
    public static readonly string Claim = Render("/claim/passes", "Claim your agent with your Pass Provider");

    /// <summary>The veto page (<c>/owner/recovery/veto</c>): the same script; the current (bound) key signs the veto.</summary>
    public static readonly string Veto = Render(ApprovalService.VetoPath, "Veto the owner-key recovery with your current key");

    /// <summary>The console sign-in page (<c>/owner/sign-in/passes?email=</c>): the same script; the bound key signs the sign-in.</summary>
    public static readonly string SignIn = Render(ApprovalService.SignInPath, "Sign in to the owner console with your Pass Provider");

    private static string Render(string api, string title) => Template.Replace("{api}", api, StringComparison.Ordinal)
        .Replace("{title}", title, StringComparison.Ordinal);

    private const string Template = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{title} — Passport</title>
          <link rel="stylesheet" href="/passes/owner.css">
          <script type="module" src="/passes/owner-approve.js"></script>
        </head>
        <body data-state="loading" data-api="{api}">
          <main>
            <h1>{title}</h1>
            <h2 id="summary">Loading…</h2>
            <dl id="facts"></dl>
            <p id="key-note"></p>
            <p id="recovery-warning" class="warning" role="alert" hidden><span id="recovery-text"></span>
               <a id="recovery-veto" href="#">veto the recovery</a></p>
            <div id="rotation" hidden>
              <p>A rotation also needs proof from the new key: the new key's signature over a nonce from
                 <code>POST /auth/challenge {did: newDid}</code>, as <code>{"nonce":…,"signature":…}</code>.</p>
              <textarea id="proof" rows="3" cols="60"></textarea>
            </div>
            <p><label>Your Pass Provider <input id="provider" type="url" size="40"></label></p>
            <p><button id="send" type="button" disabled>Open my Pass Provider</button></p>
            <p id="status" role="status"></p>
          </main>
        </body>
        </html>
        """;

    public static void SetSecurityHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // The token is in the URL: never send it as a Referer (the provider popup would receive it).
        headers["Referrer-Policy"] = "no-referrer";
        // Keeps window.opener for the provider popup, severs it for anything that opens this page.
        headers["Cross-Origin-Opener-Policy"] = "same-origin-allow-popups";
        headers.CacheControl = "no-store";
    }
}
