using System.Globalization;
using System.Net;
using System.Text;
using Passport.Core.Tokens;
using Passport.Server.Approvals;
using Passport.Server.Owner;
using Passport.Server.Storage;

namespace Passport.Server.OwnerConsole;

/// <summary>
/// The server-rendered HTML of the console: no script, no framework; landmarks (header/nav/main), labelled fields,
/// tables with captions and header scopes, focus outlines and dark-on-light colours above WCAG AA contrast.
/// Every value is HTML-encoded.
/// </summary>
internal static class OwnerConsolePage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;color:#111;background:#fff;max-width:64rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #666;padding:.3rem .5rem;text-align:left;vertical-align:top}
        caption{text-align:left;font-weight:bold;padding:.3rem 0}code{font-size:.9em}
        button,input{font-size:1rem;padding:.3rem .6rem}button{background:#0b4f9c;color:#fff;border:1px solid #0b4f9c;border-radius:3px;cursor:pointer}
        button.danger{background:#a1120b;border-color:#a1120b}:focus-visible{outline:3px solid #e0a800;outline-offset:2px}
        .notice{border:2px solid #0b6b2d;padding:.5rem 1rem}form.inline{display:inline-block;margin:.2rem .5rem .2rem 0}
        header{display:flex;justify-content:space-between;align-items:center;border-bottom:1px solid #666}
        """;

    public static string Layout(string title, string body, string? header = null) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{E(title)} — Passport owner console</title><style>{Style}</style></head>
        <body>
        <header><p><strong>Passport owner console</strong></p>{header ?? ""}</header>
        <main id="main">
        <h1>{E(title)}</h1>
        {body}
        </main>
        </body></html>
        """;

    public static string SignInForm(string? notice = null) => Layout("Sign in", $"""
        {(notice is null ? "" : $"<p class=\"notice\" role=\"status\">{E(notice)}</p>")}
        <p>Enter the e-mail address you confirmed as the owner of your agents. We mail you a sign-in link that works once, for a short time.</p>
        <form method="post" action="/owner/sign-in">
        <p><label for="email">E-mail address</label><br><input id="email" name="email" type="email" autocomplete="email" required maxlength="254"></p>
        <p><button type="submit">Mail me a sign-in link</button></p>
        </form>
        <p>Bound a Passes key already? <a href="{ApprovalService.SignInPath}" id="passes-sign-in">Sign in with your Pass Provider</a> instead: no mail needed.</p>
        """);

    /// <summary>The address form of the Passes sign-in (<c>GET /owner/sign-in/passes</c>): a GET to the same page with <c>email</c>.</summary>
    public static string PassesSignInForm() => Layout("Sign in with your Pass Provider", $"""
        <p>Enter the e-mail address you confirmed as the owner of your agents. Your Pass Provider then signs the sign-in with
        the owner key you bound; without a bound key, sign in with the <a href="/owner">mailed link</a>.</p>
        <form method="get" action="{ApprovalService.SignInPath}">
        <p><label for="email">E-mail address</label><br><input id="email" name="email" type="email" autocomplete="email" required maxlength="254"></p>
        <p><button type="submit">Continue with my Pass Provider</button></p>
        </form>
        """);

    public static string ConfirmSignIn(string token) => Layout("Sign in", $"""
        <p>Continue to your owner console. (The link is used only when you press the button, so a mail scanner that opens it cannot use it up.)</p>
        <form method="post" action="/owner/sign-in/confirm">
        <input type="hidden" name="token" value="{E(token)}">
        <p><button type="submit" id="confirm">Sign in</button></p>
        </form>
        """);

    public static string LinkProblem(string message) => Layout("This sign-in link does not work", $"""
        <p role="alert">{E(message)}</p>
        <p><a href="/owner">Request a new sign-in link</a></p>
        """);

    public static string Console(string email, string csrf, OwnerOverview overview, string? notice, OwnerKeyState ownerKey)
    {
        var html = new StringBuilder();
        if (notice is not null) html.Append($"<p class=\"notice\" role=\"status\">{E(notice)}</p>");
        html.Append("<nav aria-label=\"Sections\"><ul><li><a href=\"#agents\">Agents</a></li><li><a href=\"#grants\">Grants</a></li>")
            .Append("<li><a href=\"#events\">Revocations and rotations</a></li><li><a href=\"#pending\">Pending approvals</a></li>")
            .Append("<li><a href=\"#owner-key\">Owner key</a></li></ul></nav>");
        html.Append("<p>Actions are not performed here: each one mails you an approval link (or asks your Pass Provider, if you bound a key) — the same approval as outside the console.</p>");
        Agents(html, csrf, overview);
        Grants(html, csrf, overview);
        Events(html, overview);
        Pending(html, overview);
        OwnerKey(html, csrf, overview, ownerKey);
        var header = $"""
            <form class="inline" method="post" action="/owner/sign-out"><span>Signed in as {E(email)}</span>
            <input type="hidden" name="csrf" value="{E(csrf)}"> <button type="submit" id="sign-out">Sign out</button></form>
            """;
        return Layout("Your agents", html.ToString(), header);
    }

    private static void Agents(StringBuilder html, string csrf, OwnerOverview overview)
    {
        html.Append("<section id=\"agents\" aria-labelledby=\"agents-h\"><h2 id=\"agents-h\">Agents</h2>");
        if (overview.Agents.Count == 0)
        {
            html.Append("<p>No agent names this address as its owner.</p></section>");
            return;
        }
        html.Append("<table><caption>Agents naming you as owner</caption><thead><tr><th scope=\"col\">Handle</th><th scope=\"col\">Current DID</th>")
            .Append("<th scope=\"col\">Status</th><th scope=\"col\">Registered</th><th scope=\"col\">Claimed</th><th scope=\"col\">Last rotated</th><th scope=\"col\">Revoked</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
        foreach (var agent in overview.Agents)
        {
            var rotated = overview.Events.FirstOrDefault(e => e.Handle == agent.Handle && e.Type == RevocationEvent.DidRotated)?.At;
            var revoked = overview.Events.FirstOrDefault(e => e.Handle == agent.Handle && e.Type == RevocationEvent.RecordRevoked)?.At;
            DateTimeOffset? claimed = overview.ClaimedAt.TryGetValue(agent.Handle, out var claimedAt) ? claimedAt : null;
            html.Append($"<tr data-handle=\"{E(agent.Handle)}\"><th scope=\"row\"><a href=\"/registry/{Uri.EscapeDataString(agent.Handle)}\">{E(agent.Handle)}</a></th>")
                .Append($"<td><code title=\"{E(agent.Did)}\">{E(ShortDid(agent.Did))}</code></td><td class=\"status\">{E(agent.Status)}</td>")
                .Append($"<td>{Time(agent.CreatedAt)}</td><td class=\"claimed\">{Time(claimed)}</td><td>{Time(rotated)}</td><td>{Time(revoked)}</td><td>");
            if (agent.Status == PassportStatus.Claimed) AgentActions(html, csrf, agent.Handle);
            else html.Append(agent.Status == PassportStatus.Unclaimed ? "Confirm the claim mail first." : "—");
            html.Append("</td></tr>");
        }
        html.Append("</tbody></table></section>");
    }

    private static void AgentActions(StringBuilder html, string csrf, string handle)
    {
        var id = E(handle);
        var action = "/owner/agents/" + Uri.EscapeDataString(handle);
        html.Append($"""
            <form class="inline" method="post" action="{action}/revoke"><input type="hidden" name="csrf" value="{E(csrf)}">
            <button type="submit" class="danger" aria-label="Revoke {id}">Revoke…</button></form>
            <form class="inline" method="post" action="{action}/rotate"><input type="hidden" name="csrf" value="{E(csrf)}">
            <label for="newDid-{id}">New DID</label> <input id="newDid-{id}" name="newDid" required maxlength="256" size="20">
            <button type="submit" aria-label="Rotate {id}">Rotate…</button></form>
            <form class="inline" method="post" action="{action}/delegate"><input type="hidden" name="csrf" value="{E(csrf)}">
            <label for="actor-{id}">Actor handle</label> <input id="actor-{id}" name="actor" required maxlength="64" size="12">
            <label for="scope-{id}">Scopes (space-separated)</label> <input id="scope-{id}" name="scope" required maxlength="1024" size="14">
            <button type="submit" aria-label="Delegate from {id}">Delegate…</button></form>
            """);
    }

    private static void Grants(StringBuilder html, string csrf, OwnerOverview overview)
    {
        html.Append("<section id=\"grants\" aria-labelledby=\"grants-h\"><h2 id=\"grants-h\">Grants given and received</h2>");
        if (overview.Grants.Count == 0)
        {
            html.Append("<p>No delegation grants.</p></section>");
            return;
        }
        var mine = overview.Agents.Select(a => a.Handle).ToHashSet(StringComparer.Ordinal);
        html.Append("<table><caption>Delegation grants</caption><thead><tr><th scope=\"col\">Grant</th><th scope=\"col\">Principal</th><th scope=\"col\">Actor</th>")
            .Append("<th scope=\"col\">Direction</th><th scope=\"col\">Scopes</th><th scope=\"col\">Created</th><th scope=\"col\">Revoked</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
        var claimed = overview.Agents.Where(a => a.Status == PassportStatus.Claimed).Select(a => a.Handle).ToHashSet(StringComparer.Ordinal);
        foreach (var grant in overview.Grants)
        {
            var direction = mine.Contains(grant.Principal) ? "given" : "received";
            html.Append($"<tr data-grant=\"{E(grant.Id)}\"><th scope=\"row\"><code>{E(grant.Id)}</code></th><td>{E(grant.Principal)}</td><td>{E(grant.Actor)}</td><td>{direction}</td>")
                .Append($"<td>{E(string.Join(' ', grant.Scope))}</td><td>{Time(grant.CreatedAt)}</td><td>{Time(grant.RevokedAt)}</td><td>");
            // Only a grant this owner's CLAIMED agent gave, still active, can be ungranted here.
            if (claimed.Contains(grant.Principal) && grant.Status == DelegationGrant.Active)
            {
                html.Append($"""
                    <form class="inline" method="post" action="/owner/grants/{Uri.EscapeDataString(grant.Id)}/revoke"><input type="hidden" name="csrf" value="{E(csrf)}">
                    <button type="submit" class="danger" aria-label="Ungrant {E(grant.Id)} ({E(grant.Actor)} for {E(grant.Principal)})">Ungrant…</button></form>
                    """);
            }
            else
            {
                html.Append('—');
            }
            html.Append("</td></tr>");
        }
        html.Append("</tbody></table></section>");
    }

    private static void Events(StringBuilder html, OwnerOverview overview)
    {
        html.Append("<section id=\"events\" aria-labelledby=\"events-h\"><h2 id=\"events-h\">Recent revocations and rotations</h2>");
        if (overview.Events.Count == 0)
        {
            html.Append("<p>None.</p></section>");
            return;
        }
        html.Append("<table><caption>Newest first</caption><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Event</th><th scope=\"col\">Handle</th><th scope=\"col\">Details</th></tr></thead><tbody>");
        foreach (var e in overview.Events)
        {
            var details = e.Type switch
            {
                RevocationEvent.DidRotated => $"{ShortDid(e.Did)} → {ShortDid(e.NewDid ?? "")}",
                RevocationEvent.GrantRevoked => $"grant {e.GrantId}",
                _ => ShortDid(e.Did),
            };
            html.Append($"<tr><td>{Time(e.At)}</td><td>{E(e.Type)}</td><td>{E(e.Handle)}</td><td>{E(details)}</td></tr>");
        }
        html.Append("</tbody></table></section>");
    }

    private static void Pending(StringBuilder html, OwnerOverview overview)
    {
        html.Append("<section id=\"pending\" aria-labelledby=\"pending-h\"><h2 id=\"pending-h\">Pending approvals</h2>");
        if (overview.Pending.Count == 0)
        {
            html.Append("<p>None.</p></section>");
            return;
        }
        html.Append("<p>Open the approval link in your mail to approve or reject.</p><ul>");
        foreach (var link in overview.Pending)
        {
            html.Append($"<li>{E(OwnerApprovalPage.Describe(link.Action, link.Handle, link.NewDid, link.Actor, link.Scope, link.GrantId))} (until {Time(link.ExpiresAt)})</li>");
        }
        html.Append("</ul></section>");
    }

    /// <summary>
    /// The owner's Passes key: a pending recovery (started, completes at, how to veto) or the "Recover key" form. Recovery
    /// is per owner; the form starts it from the first CLAIMED agent, whose owner link carries it.
    /// </summary>
    private static void OwnerKey(StringBuilder html, string csrf, OwnerOverview overview, OwnerKeyState state)
    {
        html.Append("<section id=\"owner-key\" aria-labelledby=\"owner-key-h\"><h2 id=\"owner-key-h\">Owner key</h2>");
        var claimed = overview.Agents.FirstOrDefault(a => a.Status == PassportStatus.Claimed);
        if (state.Recovery is { } r)
        {
            var veto = $"{ApprovalService.VetoPath}?handle={Uri.EscapeDataString(r.Handle)}";
            html.Append($"""
                <div id="recovery" class="notice" role="status"><p><strong>A key recovery is pending.</strong> Started {Time(r.StartedAt)} from {E(r.Handle)};
                the new key <code>{E(r.Thumbprint)}</code> replaces your current owner key at {Time(r.NotBefore)}.</p>
                <p>If this was not you, <a id="veto" href="{E(veto)}">veto it with your current key</a> before then (your Pass Provider signs the veto).
                Until then your current key keeps working for everything.</p></div>
                """);
        }
        else if (!state.KeyBound)
        {
            html.Append("<p>No Passes key is bound yet: your first approval through a Pass Provider binds its key as your owner key.</p>");
        }
        else if (claimed is not null)
        {
            html.Append($"""
                <p>A Passes key is bound: owner actions need its signature. If you lost it, recover: we mail you a link; you approve it with
                the Pass Provider holding your NEW key; the new key replaces the lost one after a waiting period, during which the
                current key can veto it (and you get a mail).</p>
                <form class="inline" method="post" action="/owner/agents/{Uri.EscapeDataString(claimed.Handle)}/recover-key"><input type="hidden" name="csrf" value="{E(csrf)}">
                <button type="submit" id="recover-key" class="danger">Recover key…</button></form>
                """);
        }
        html.Append("</section>");
    }

    /// <summary><c>did:key:z6Mk…</c> shortened to its first and last characters; the full DID is in the cell's title.</summary>
    public static string ShortDid(string did) => did.Length <= 24 ? did : did[..16] + "…" + did[^6..];

    private static string Time(DateTimeOffset? at) =>
        at is { } value ? $"<time datetime=\"{value.UtcDateTime:O}\">{value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</time>" : "—";

    private static string E(string value) => WebUtility.HtmlEncode(value);
}

/// <summary>What the console shows about the owner's Passes key: the pending recovery, if any, and whether a key is bound.</summary>
internal sealed record OwnerKeyState(KeyRecovery? Recovery, bool KeyBound);
