using System.Net;
using Passport.Core.Tokens;
using Passport.Server.Http;
using Passport.Server.Problems;
using Passport.Server.Secrets;
using Passport.Server.Storage;

namespace Passport.Server.Claims;

/// <summary><c>POST /auth/claim {token}</c> and the <c>GET /claim?token=</c> page (seeds/004 §claim).</summary>
internal static class ClaimEndpoints
{
    public static async Task<IResult> ClaimAsync(HttpContext context, IClaimTokenStore tokens, IRecordStore records, TimeProvider time)
    {
        using var body = await JsonBody.ReadObjectAsync(context.Request);
        var token = JsonFields.Required(body.RootElement, "token", SingleUseSecret.MaxTokenLength);
        var record = await RedeemAsync(tokens, records, SingleUseSecret.Hash(token), time.GetUtcNow());
        return Results.Json(new { handle = record.Handle, did = record.Did, status = PassportStatus.Claimed }, ServerJson.Options);
    }

    /// <summary>
    /// Uses the claim token (once) and marks its record CLAIMED — the one claim step, for the emailed link and for
    /// the Passes claim (<c>org.passport.approve-claim</c>). 400 <c>claim.unknown|expired|used</c>, 403 <c>claim.record_revoked</c>.
    /// </summary>
    public static async Task<PassportRecord> RedeemAsync(IClaimTokenStore tokens, IRecordStore records, string tokenHash, DateTimeOffset now)
    {
        var (result, handle) = await tokens.RedeemAsync(tokenHash, now);
        if (result != Redemption.Redeemed || handle is null) throw Problem(result);
        if (!await records.MarkClaimedAsync(handle, now))
        {
            throw ApiProblem.Forbidden(ProblemCodes.ClaimRevoked, "The record of this claim token is revoked.");
        }
        return (await records.FindByHandleAsync(handle))!;
    }

    /// <summary>The refusal for a claim token that is not usable.</summary>
    public static ApiProblem Problem(Redemption state) => state switch
    {
        Redemption.Expired => ApiProblem.BadRequest(ProblemCodes.ClaimExpired, "This claim token has expired (24 hours); ask for a new registration mail."),
        Redemption.Used => ApiProblem.BadRequest(ProblemCodes.ClaimUsed, "This claim token has already been used."),
        _ => ApiProblem.BadRequest(ProblemCodes.ClaimUnknown, "This claim token is not known."),
    };

    public static IResult Page(HttpContext context)
    {
        var token = context.Request.Query["token"].ToString();
        var safeToken = token.Length is > 0 and <= SingleUseSecret.MaxTokenLength ? WebUtility.HtmlEncode(token) : "";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'";
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Claim your agent — Passport</title>
            <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem}button{font-size:1rem;padding:.5rem 1rem}</style></head>
            <body>
            <h1>Claim your agent</h1>
            <p>Confirm that you are the owner of the agent that named this address. The link works once.</p>
            <button id="claim" data-token="{{safeToken}}">Claim</button>
            <p><a id="passes" href="/claim/passes?token={{Uri.EscapeDataString(token.Length <= SingleUseSecret.MaxTokenLength ? token : "")}}">Claim with your Pass Provider instead</a>
               (your Pass Provider's key becomes your owner key: docs/passes-topics.md)</p>
            <p id="result" role="status"></p>
            <script>
            document.getElementById('claim').addEventListener('click', async (e) => {
              const r = await fetch('/auth/claim', {method: 'POST', headers: {'Content-Type': 'application/json'},
                body: JSON.stringify({token: e.target.dataset.token})});
              const body = await r.json();
              document.getElementById('result').textContent = r.ok ? `Claimed: ${body.handle} is now ${body.status}.` : `Refused: ${body.detail}`;
              e.target.disabled = true;
            });
            </script>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
