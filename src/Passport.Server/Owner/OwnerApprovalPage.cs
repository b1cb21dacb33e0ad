using System.Net;

namespace Passport.Server.Owner;

/// <summary>The HTML page of <c>GET /owner/approve?token=</c>: what the link would do, with Approve / Reject buttons.</summary>
internal static class OwnerApprovalPage
{
    public static string Describe(string action, string handle, string? newDid, string? actor, IReadOnlyList<string>? scope, string? grantId = null) => action switch
    {
        OwnerActions.Ungrant => $"stop letting {actor} act for {handle} (revoke grant {grantId}, scope [{string.Join(' ', scope ?? [])}])",
        OwnerActions.Rotate => $"rotate the key of {handle} to {newDid}",
        OwnerActions.Revoke => $"revoke {handle} (its tokens stop working for good)",
        OwnerActions.RecoverKey => $"replace the Passes owner key of the owner of {handle} with the key of the Pass Provider you approve with "
            + "(after a waiting period, during which the current key can veto it)",
        OwnerActions.VetoRecovery => $"veto the pending owner-key recovery started from {handle}",
        _ => $"let {actor} act for {handle} with scope [{string.Join(' ', scope ?? [])}]",
    };

    public static string Render(string token, string description, bool needsProof)
    {
        var safeToken = WebUtility.HtmlEncode(token);
        var proofNote = needsProof
            ? "<p>A rotation also needs proof from the new key: run <code>passport rotate --approve &lt;token&gt;</code> with the new key, or paste <code>{\"nonce\":…,\"signature\":…}</code> below.</p><textarea id=\"proof\" rows=\"3\" cols=\"60\"></textarea>"
            : "";
        return $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Approve — Passport</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}button{font-size:1rem;padding:.5rem 1rem;margin-right:1rem}</style></head>
            <body>
            <h1>Approve this request?</h1>
            <p>Someone asked to {{WebUtility.HtmlEncode(description)}}.</p>
            {{proofNote}}
            <p><a id="passes" href="/owner/passes?token={{safeToken}}">Approve with your Pass Provider instead</a> (docs/passes-topics.md)</p>
            <p><button id="approve" data-token="{{safeToken}}">Approve</button><button id="reject" data-token="{{safeToken}}">Reject</button></p>
            <p id="result" role="status"></p>
            <script>
            async function send(path, e) {
              const body = {token: e.target.dataset.token};
              const proof = document.getElementById('proof');
              if (proof && proof.value.trim() && path.endsWith('approve')) body.proof = JSON.parse(proof.value);
              const r = await fetch(path, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
              const json = await r.json();
              document.getElementById('result').textContent = r.ok ? `Done: ${json.action} of ${json.handle}.` : `Refused: ${json.detail}`;
            }
            document.getElementById('approve').addEventListener('click', e => send('/auth/owner/approve', e));
            document.getElementById('reject').addEventListener('click', e => send('/auth/owner/reject', e));
            </script>
            </body></html>
            """;
    }
}
