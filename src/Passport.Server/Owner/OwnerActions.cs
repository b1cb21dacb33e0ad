using Passport.AspNetCore.Refusals;
using Passport.Core.Tokens;
using Passport.Server.Delegation;
using Passport.Server.Problems;
using Passport.Server.Revocation;
using Passport.Server.Storage;

namespace Passport.Server.Owner;

/// <summary>The one implementation of <see cref="IOwnerActions"/> over the stores.</summary>
internal sealed partial class OwnerActions(IRecordStore records, DelegationService delegations, RevocationNotifier notifier,
    TimeProvider time, ILogger<OwnerActions> logger) : IOwnerActions
{
    public const string Rotate = "rotate";
    public const string Revoke = "revoke";
    public const string Delegate = "delegate";

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
