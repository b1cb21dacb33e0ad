using System.Buffers.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Passport.Core.Identity;
using Passport.Server.Http;
using Passport.Server.Problems;
using Passport.Server.Secrets;

namespace Passport.Server.Approvals;

/// <summary>
/// The owner page that approves an owner link through the owner's Pass Provider:
/// <c>GET /owner/passes?token=</c> (page), <c>POST /owner/passes/request</c> (a fresh Pass Request for the link),
/// <c>POST /owner/passes/complete</c> (the provider's result; performs the action once).
/// </summary>
internal static class ApprovalEndpoints
{
    /// <summary>Longest accepted <c>result</c> member (base64url result envelope), in characters; every Passes complete endpoint.</summary>
    internal const int MaxResultChars = 8 * 1024;

    public static IResult Page(HttpContext context)
    {
        OwnerPassesPage.SetSecurityHeaders(context.Response);
        return Results.Content(OwnerPassesPage.Owner, "text/html; charset=utf-8");
    }

    /// <summary><c>GET /claim/passes?token=</c>: the same page, whose script talks to <c>/claim/passes/*</c>.</summary>
    public static IResult ClaimPage(HttpContext context)
    {
        OwnerPassesPage.SetSecurityHeaders(context.Response);
        return Results.Content(OwnerPassesPage.Claim, "text/html; charset=utf-8");
    }

    /// <summary>
    /// <c>GET /owner/recovery/veto?handle=</c>: the same page, whose script talks to <c>/owner/recovery/veto/*</c> with the
    /// handle instead of a token: a veto needs no mailed secret (the mailbox may be the attacker's), only the bound key's signature.
    /// </summary>
    public static IResult VetoPage(HttpContext context)
    {
        OwnerPassesPage.SetSecurityHeaders(context.Response);
        return Results.Content(OwnerPassesPage.Veto, "text/html; charset=utf-8");
    }

    /// <summary><c>POST /owner/recovery/veto/request {handle}</c>: an <c>org.passport.veto-recovery</c> request; 404 <c>recovery.not_pending</c> when none is pending.</summary>
    public static Task<IResult> VetoRequestAsync(HttpContext context, ApprovalService approvals, IOptions<PassesApprovalOptions> options) =>
        IssueAsync(context, options, approvals.StartVetoAsync, "handle", Handle.MaxLength);

    /// <summary><c>POST /owner/recovery/veto/complete {handle, result}</c>: the bound key's signed veto; the recovery becomes vetoed.</summary>
    public static Task<IResult> VetoCompleteAsync(HttpContext context, ApprovalService approvals) =>
        FinishAsync(context, (handle, result, _) => approvals.CompleteVetoAsync(handle, result), "handle", Handle.MaxLength);

    public static Task<IResult> RequestAsync(HttpContext context, ApprovalService approvals, IOptions<PassesApprovalOptions> options) =>
        IssueAsync(context, options, approvals.StartAsync);

    /// <summary><c>POST /claim/passes/request {token}</c> with the claim token: an <c>org.passport.approve-claim</c> request.</summary>
    public static Task<IResult> ClaimRequestAsync(HttpContext context, ApprovalService approvals, IOptions<PassesApprovalOptions> options) =>
        IssueAsync(context, options, approvals.StartClaimAsync);

    public static Task<IResult> CompleteAsync(HttpContext context, ApprovalService approvals) =>
        FinishAsync(context, approvals.CompleteAsync);

    /// <summary><c>POST /claim/passes/complete {token, result}</c>: claims the record and binds the owner key on first use.</summary>
    public static Task<IResult> ClaimCompleteAsync(HttpContext context, ApprovalService approvals) =>
        FinishAsync(context, (token, result, _) => approvals.CompleteClaimAsync(token, result));

    private static async Task<IResult> IssueAsync(HttpContext context, IOptions<PassesApprovalOptions> options, Func<string, Task<IssuedApproval>> start,
        string field = "token", int maxLength = SingleUseSecret.MaxTokenLength)
    {
        using var body = await JsonBody.ReadObjectAsync(context.Request);
        var token = JsonFields.Required(body.RootElement, field, maxLength);
        var issued = await start(token);
        context.Response.Headers.CacheControl = "no-store";
        var request = issued.Body;
        return Results.Json(new
        {
            topic = issued.Topic,
            request = Base64Url.EncodeToString(issued.Request),
            providerUrl = options.Value.ProviderUrl,
            ownerKeyBound = issued.OwnerKeyBound,
            pendingRecovery = issued.PendingRecovery,
            summary = new { request.Action, request.Handle, request.Name, request.Did, request.Actor, request.Scope, request.NewDid, request.GrantId, request.ExpiresAt },
        }, ServerJson.Options);
    }

    private static async Task<IResult> FinishAsync(HttpContext context, Func<string, byte[], JsonElement?, Task<ApprovalOutcome>> complete,
        string field = "token", int maxLength = SingleUseSecret.MaxTokenLength)
    {
        using var body = await JsonBody.ReadObjectAsync(context.Request);
        var root = body.RootElement;
        var token = JsonFields.Required(root, field, maxLength);
        var resultText = JsonFields.Required(root, "result", MaxResultChars);
        byte[] result;
        try
        {
            result = Base64Url.DecodeFromChars(resultText);
        }
        catch (FormatException)
        {
            throw ApiProblem.BadRequest(ApprovalProblemCodes.InvalidResult, "The field 'result' must be the result envelope bytes in base64url.");
        }
        JsonElement? proof = root.TryGetProperty("proof", out var p) ? p : null;
        var outcome = await complete(token, result, proof);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new
        {
            status = outcome.Status,
            action = outcome.Action,
            handle = outcome.Handle,
            did = outcome.Result?.Did,
            previousDid = outcome.Result?.PreviousDid,
            delegation = outcome.Result?.Delegation,
            ownerKey = outcome.SignerThumbprint,
            recovery = outcome.Recovery is { } r
                ? new { id = r.Id, status = r.Status, newKey = r.Thumbprint, startedAt = r.StartedAt, completesAt = r.NotBefore }
                : null,
        }, ServerJson.Options);
    }
}
