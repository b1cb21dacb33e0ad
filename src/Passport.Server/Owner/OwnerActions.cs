using Passport.AspNetCore.Refusals;
using Passport.Core.Tokens;
using Passport.Server.Delegation;
using Passport.Server.Problems;
using Passport.Server.Revocation;
using Passport.Server.Storage;

namespace Passport.Server.Owner;

/// <summary>The one implementation of <see cref="IOwnerActions"/> over the stores.</summary>
internal sealed partial class OwnerActions(IRecordStore records, IDelegationStore grants, DelegationService delegations, RevocationNotifier notifier,
    TimeProvider time, ILogger<OwnerActions> logger) : IOwnerActions
{
    public const string Rotate = "rotate";
    public const string Revoke = "revoke";
    public const string Delegate = "delegate";
    public const string Ungrant = "ungrant";

    /// <summary>
    /// Owner-key recovery (docs/owner.md): approved through the emailed link with a NEW Passes key, which replaces the
    /// bound key after the waiting period unless the bound key vetoes. Performed by <c>ApprovalService</c>, not here.
    /// </summary>
    public const string RecoverKey = "recover-key";

    /// <summary>Not an owner-link action: the action named in a veto request (<c>org.passport.veto-recovery</c>), signed by the bound key.</summary>
    public const string VetoRecovery = "veto-recovery";

    /// <summary>Not an owner-link action: the action named in a Passes claim request (<c>org.passport.approve-claim</c>).</summary>
    public const string Claim = "claim";

    /// <summary>Grant ids are <c>dg_</c> + 32 hex digits; anything longer is refused before a lookup.</summary>
    public const int MaxGrantIdLength = 64;

    /// <summary>Performs the action an owner link (emailed or approved through Passes) authorizes, once it is redeemed.</summary>
    public static Task<OwnerActionResult> PerformAsync(IOwnerActions actions, OwnerLink link)
    {
        var owner = new OwnerContext(link.Handle);
        return link.Action switch
        {
            Rotate => actions.RotateAsync(owner, link.NewDid!),
            Revoke => actions.RevokeAsync(owner),
            Ungrant => actions.RevokeGrantAsync(owner, link.GrantId!),
            Delegate => actions.GrantDelegationAsync(owner, link.Actor!, link.Scope ?? []),
            // recover-key binds a Passes key, so it is only ever approved through Passes (ApprovalService).
            _ => throw ApiProblem.Forbidden(ProblemCodes.OwnerPassesRequired,
                "This action is approved only with your Pass Provider: open the link and use /owner/passes."),
        };
    }

    /// <summary>
    /// The active grant <paramref name="grantId"/> given by <paramref name="principal"/>: 404 <c>delegation.not_found</c> for
    /// an unknown id or another principal's grant (no existence oracle), 409 <c>delegation.already_revoked</c> when revoked.
    /// </summary>
    public static async Task<DelegationGrant> GivenGrantAsync(IDelegationStore grants, string principal, string grantId)
    {
        var grant = grantId.Length <= MaxGrantIdLength ? await grants.FindAsync(grantId) : null;
        if (grant is null || !string.Equals(grant.Principal, principal, StringComparison.Ordinal))
        {
            throw ApiProblem.NotFound(ProblemCodes.DelegationNotFound, "No delegation with this id was granted by this agent.");
        }
        if (grant.Status != DelegationGrant.Active)
        {
            throw ApiProblem.Conflict(ProblemCodes.DelegationAlreadyRevoked, "This delegation is already revoked.");
        }
        return grant;
    }

    public async Task<OwnerActionResult> RotateAsync(OwnerContext owner, string newDid)
    {
        var record = await ActiveRecordAsync(owner);
        RevocationEvent? rotated;
        try
        {
            rotated = await records.RotateAsync(record.Handle, record.Did, newDid, time.GetUtcNow());
        }
        catch (StorageConflictException)
        {
            throw ApiProblem.Conflict(ProblemCodes.DidAlreadyRegistered, "The new DID is already registered to another record.");
        }
        if (rotated is null) throw ApiProblem.Conflict(ProblemCodes.OwnerRotationConflict, "The record changed while rotating; request a new link.");
        await notifier.NotifyAsync(rotated);
        LogRotated(logger, record.Handle, record.Did, newDid);
        return new OwnerActionResult(Rotate, record.Handle, record.Status, newDid, record.Did, null);
    }

    public async Task<OwnerActionResult> RevokeAsync(OwnerContext owner)
    {
        var record = await ActiveRecordAsync(owner);
        var revoked = await records.RevokeAsync(record.Handle, time.GetUtcNow());
        if (revoked is not null)
        {
            await notifier.NotifyAsync(revoked);
            LogRevoked(logger, record.Handle);
        }
        return new OwnerActionResult(Revoke, record.Handle, PassportStatus.Revoked, record.Did, null, null);
    }

    public async Task<OwnerActionResult> GrantDelegationAsync(OwnerContext owner, string actorHandle, IReadOnlyList<string> scope)
    {
        var record = await ActiveRecordAsync(owner);
        var grant = await delegations.GrantAsync(record, actorHandle, scope);
        return new OwnerActionResult(Delegate, record.Handle, record.Status, record.Did, null, DelegationService.ToJson(grant));
    }

    public async Task<OwnerActionResult> RevokeGrantAsync(OwnerContext owner, string grantId)
    {
        var record = await ActiveRecordAsync(owner);
        var grant = await GivenGrantAsync(grants, record.Handle, grantId);
        // Revoked meanwhile (by the agent or a concurrent approval): the same 409 as when it was revoked before.
        if (!await delegations.RevokeAsync(grant, record)) throw ApiProblem.Conflict(ProblemCodes.DelegationAlreadyRevoked, "This delegation is already revoked.");
        var revoked = grant with { Status = DelegationGrant.Revoked, RevokedAt = time.GetUtcNow() };
        return new OwnerActionResult(Ungrant, record.Handle, record.Status, record.Did, null, DelegationService.ToJson(revoked));
    }

    private async Task<PassportRecord> ActiveRecordAsync(OwnerContext owner)
    {
        var record = await records.FindByHandleAsync(owner.Handle)
            ?? throw ApiProblem.NotFound(ProblemCodes.RecordNotFound, "No Passport record has this handle.");
        if (record.Status == PassportStatus.Revoked) throw ApiProblem.Forbidden(RefusalCatalog.Revoked.Code, "The record is revoked.");
        return record;
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Owner rotated {Handle} from {OldDid} to {NewDid}")]
    private static partial void LogRotated(ILogger logger, string handle, string oldDid, string newDid);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Owner revoked {Handle}")]
    private static partial void LogRevoked(ILogger logger, string handle);
}
