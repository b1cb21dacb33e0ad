using System.Text.Json;
using Passport.Core.Identity;
using Passport.Core.Tokens;
using Passport.Server.Approvals;
using Passport.Server.Challenges;
using Passport.Server.Http;
using Passport.Server.Problems;
using Passport.Server.Registration;
using Passport.Server.Secrets;
using Passport.Server.Storage;

namespace Passport.Server.Owner;

/// <summary>
/// The emailed-link authorization of owner actions: <c>POST /auth/owner/request</c> mails a link,
/// <c>GET /owner/approve?token=</c> shows it, <c>POST /auth/owner/approve</c> performs it once, <c>POST /auth/owner/reject</c> burns it.
/// </summary>
internal static class OwnerEndpoints
{
    public static async Task<IResult> RequestAsync(HttpContext context, IRecordStore records, IDelegationStore grants, OwnerLinkIssuer issuer,
        ApprovalService approvals)
    {
        using var body = await JsonBody.ReadObjectAsync(context.Request);
        var root = body.RootElement;
        var handle = JsonFields.Required(root, "handle", Handle.MaxLength);
        var action = JsonFields.Required(root, "action", 16);
        if (action is not (OwnerActions.Rotate or OwnerActions.Revoke or OwnerActions.Delegate or OwnerActions.Ungrant or OwnerActions.RecoverKey))
        {
            throw ApiProblem.BadRequest(ProblemCodes.OwnerInvalidAction, "action must be 'rotate', 'revoke', 'delegate', 'ungrant' or 'recover-key'.");
        }
        string? newDid = null, actor = null, grantId = null;
        IReadOnlyList<string>? scope = null;
        if (action == OwnerActions.Rotate)
        {
            newDid = RegistrationEndpoint.ParseDid(JsonFields.Required(root, "newDid", DidKey.MaxLength * 2)).Value;
            if (await records.FindByDidAsync(newDid) is not null)
            {
                throw ApiProblem.Conflict(ProblemCodes.DidAlreadyRegistered, "newDid is already registered.");
            }
        }
        else if (action == OwnerActions.Delegate)
        {
            actor = JsonFields.Required(root, "actor", Handle.MaxLength);
            scope = Delegation.DelegationService.ReadScope(root, required: true);
        }
        else if (action == OwnerActions.Ungrant)
        {
            grantId = JsonFields.Required(root, "grantId", OwnerActions.MaxGrantIdLength);
        }
        var record = await records.FindByHandleAsync(handle);
        if (record is null || !Handle.IsValid(handle)) throw ApiProblem.NotFound(ProblemCodes.RecordNotFound, "No Passport record has this handle.");
        if (record.Status != PassportStatus.Claimed || record.OwnerEmail is null)
        {
            throw ApiProblem.Conflict(ProblemCodes.OwnerNotClaimed, "Only the confirmed owner of a CLAIMED record can authorize owner actions.");
        }
        // recover-key: refused early (no key bound, or one pending) so no useless link is mailed; checked again when approved.
        if (action == OwnerActions.RecoverKey) await approvals.EnsureRecoverableAsync(record);
        if (grantId is not null)
        {
            var grant = await OwnerActions.GivenGrantAsync(grants, record.Handle, grantId);
            (actor, scope) = (grant.Actor, grant.Scope);
        }
        await issuer.SendAsync(record, action, newDid, actor, scope, context.RequestAborted, grantId);
        return Results.Json(new { status = "sent" }, statusCode: StatusCodes.Status202Accepted);
    }

    public static async Task<IResult> PageAsync(HttpContext context, IOwnerLinkStore links, TimeProvider time)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        var token = context.Request.Query["token"].ToString();
        var (state, link) = token.Length is > 0 and <= SingleUseSecret.MaxTokenLength
            ? await links.PeekAsync(SingleUseSecret.Hash(token), time.GetUtcNow())
            : (Redemption.Unknown, null);
        if (state != Redemption.Redeemed || link is null) ThrowFor(state);
        var description = OwnerApprovalPage.Describe(link!.Action, link.Handle, link.NewDid, link.Actor, link.Scope, link.GrantId);
        return Results.Content(OwnerApprovalPage.Render(token, description, link.Action == OwnerActions.Rotate), "text/html; charset=utf-8");
    }

    public static async Task<IResult> ApproveAsync(HttpContext context, IOwnerLinkStore links, IChallengeStore challenges, IOwnerActions actions,
        ApprovalService approvals, TimeProvider time)
    {
        using var body = await JsonBody.ReadObjectAsync(context.Request);
        var root = body.RootElement;
        var hash = SingleUseSecret.Hash(JsonFields.Required(root, "token", SingleUseSecret.MaxTokenLength));
        var now = time.GetUtcNow();
        var (state, pending) = await links.PeekAsync(hash, now);
        if (state != Redemption.Redeemed || pending is null) ThrowFor(state);
        if (pending!.Action == OwnerActions.RecoverKey || await approvals.RequiresSignedApprovalAsync(pending.Handle))
        {
            throw ApiProblem.Forbidden(ProblemCodes.OwnerPassesRequired,
                "This owner approves with a Passes key; open the link and approve with your Pass Provider (/owner/passes).");
        }
        if (pending.Action == OwnerActions.Rotate) await VerifyNewKeyAsync(root, pending.NewDid!, challenges, now);
        var (result, link) = await links.RedeemAsync(hash, now);
        if (result != Redemption.Redeemed || link is null) ThrowFor(result);
        var outcome = await OwnerActions.PerformAsync(actions, link!);
        return Results.Json(new
        {
            action = outcome.Action,
            handle = outcome.Handle,
            status = outcome.Status,
            did = outcome.Did,
            previousDid = outcome.PreviousDid,
            delegation = outcome.Delegation,
        }, ServerJson.Options);
    }

    public static async Task<IResult> RejectAsync(HttpContext context, IOwnerLinkStore links, TimeProvider time)
    {
        using var body = await JsonBody.ReadObjectAsync(context.Request);
        var hash = SingleUseSecret.Hash(JsonFields.Required(body.RootElement, "token", SingleUseSecret.MaxTokenLength));
        var (result, link) = await links.RedeemAsync(hash, time.GetUtcNow());
        if (result != Redemption.Redeemed || link is null) ThrowFor(result);
        return Results.Json(new { action = link!.Action, handle = link.Handle, status = "rejected" });
    }

    /// <summary>The new key proves possession: its signature over a challenge nonce issued for the new DID.</summary>
    private static async Task VerifyNewKeyAsync(JsonElement root, string newDid, IChallengeStore challenges, DateTimeOffset now)
    {
        if (!root.TryGetProperty("proof", out var proof) || proof.ValueKind != JsonValueKind.Object)
        {
            throw ApiProblem.BadRequest(ProblemCodes.OwnerProofRequired,
                "A rotation needs proof: {\"proof\":{\"nonce\":…,\"signature\":…}} where the new key signs a nonce from POST /auth/challenge {did: newDid}.");
        }
        var nonce = JsonFields.Required(proof, "nonce", 256);
        var signature = JsonFields.Required(proof, "signature", 256);
        ChallengeSignature.Verify(DidKey.Parse(newDid), nonce, signature);
        await ChallengeEndpoint.RedeemAsync(challenges, newDid, nonce, now);
    }

    private static void ThrowFor(Redemption state) => throw (state switch
    {
        Redemption.Expired => ApiProblem.BadRequest(ProblemCodes.OwnerLinkExpired, "This owner link has expired; request a new one."),
        Redemption.Used => ApiProblem.BadRequest(ProblemCodes.OwnerLinkUsed, "This owner link has already been used."),
        _ => ApiProblem.BadRequest(ProblemCodes.OwnerLinkUnknown, "This owner link is not known."),
    });
}
