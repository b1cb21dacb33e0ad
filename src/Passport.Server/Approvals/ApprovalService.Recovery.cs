using System.Security.Cryptography;
using Passes;
using Passport.Core.Identity;
using Passport.Server.Mail;
using Passport.Server.Owner;
using Passport.Server.Problems;
using Passport.Server.Storage;

namespace Passport.Server.Approvals;

/// <summary>
/// Owner-key recovery (docs/owner.md "Recovering a lost owner key"): a <c>recover-key</c> owner link approved with a NEW
/// key starts a recovery; the bound key can veto it (<c>org.passport.veto-recovery</c>) until <c>not_before</c>;
/// afterwards the first key lookup binds the new key (<see cref="OwnerKeyAsync"/>).
/// </summary>
internal sealed partial class ApprovalService
{
    /// <summary>The veto page of an agent's owner: <c>/owner/recovery/veto?handle=</c> (no secret: only the bound key's signature counts).</summary>
    public const string VetoPath = "/owner/recovery/veto";

    /// <summary>
    /// Refuses to start a recovery for the owner of <paramref name="record"/>: 409 <c>recovery.no_key</c> when no key is
    /// bound (the first Passes approval binds one; nothing to recover), 409 <c>recovery.pending</c> while one is pending.
    /// </summary>
    public async Task EnsureRecoverableAsync(PassportRecord record)
    {
        var ownerId = OwnerId(record);
        if (await OwnerKeyAsync(ownerId, time.GetUtcNow()) is null) throw NoKeyToRecover();
        if (await recoveries.FindPendingAsync(ownerId) is not null) throw RecoveryPending();
    }

    /// <summary>The pending recovery of the owner <paramref name="email"/> (completing a due one first); null when none.</summary>
    public async Task<KeyRecovery?> PendingRecoveryAsync(string email)
    {
        var ownerId = OwnerIdOf(email);
        await OwnerKeyAsync(ownerId, time.GetUtcNow());
        return await recoveries.FindPendingAsync(ownerId);
    }

    /// <summary>True when the owner <paramref name="email"/> has a bound Passes key (after completing a due recovery).</summary>
    public async Task<bool> HasOwnerKeyAsync(string email) => await OwnerKeyAsync(OwnerIdOf(email), time.GetUtcNow()) is not null;

    /// <summary>Issues the veto request (<c>org.passport.veto-recovery</c>) for the pending recovery of the owner of <paramref name="handle"/>.</summary>
    public async Task<IssuedApproval> StartVetoAsync(string handle)
    {
        var now = time.GetUtcNow();
        var (recovery, link) = await OpenVetoAsync(handle, now);
        return await IssueAsync(VetoHash(recovery), link, now);
    }

    /// <summary>
    /// Handles the answer to a veto request: the checks of every approval, signed by the BOUND key (another signer is
    /// 403 <c>approval.signer_mismatch</c>), then the recovery becomes <c>vetoed</c> and the new key is never bound.
    /// </summary>
    public async Task<ApprovalOutcome> CompleteVetoAsync(string handle, byte[] resultEnvelope)
    {
        var now = time.GetUtcNow();
        var (recovery, link) = await OpenVetoAsync(handle, now);
        return await CompleteCoreAsync(VetoHash(recovery), link, resultEnvelope, null, now, async _ =>
        {
            if (!await recoveries.TryVetoAsync(recovery.Id, now)) throw NotPending();
            LogRecoveryVetoed(logger, recovery.Id);
            var record = await records.FindByHandleAsync(link.Handle);
            if (record?.OwnerEmail is { } email)
            {
                await mailer.SendAsync(new OwnerMail(email, "Passport: key recovery vetoed",
                    $"""
                    The owner-key recovery started at {recovery.StartedAt:u} was vetoed with your current Passes key.
                    Your current key stays bound; the new key (thumbprint {recovery.Thumbprint}) is never bound.
                    """, []), CancellationToken.None);
            }
            return new OwnerActionResult(OwnerActions.VetoRecovery, link.Handle, record?.Status ?? "", record?.Did, null, null);
        });
    }

    /// <summary>Runs after the recover-key link was redeemed: stores the pending recovery and mails the owner the veto link.</summary>
    private async Task<OwnerActionResult> StartRecoveryAsync(string handle, VerifiedSignedResult verified, DateTimeOffset now)
    {
        var record = await records.FindByHandleAsync(handle)
            ?? throw ApiProblem.NotFound(ProblemCodes.RecordNotFound, "No Passport record has this handle.");
        var recovery = new KeyRecovery("rc_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), OwnerId(record), record.Handle,
            verified.SignerThumbprint, verified.Signer.ToJson(), KeyRecovery.Pending, now, now.AddHours(options.Value.RecoveryWaitHours));
        if (!await recoveries.TryStartAsync(recovery)) throw RecoveryPending();
        LogRecoveryStarted(logger, recovery.Id, record.Handle, recovery.Thumbprint, recovery.NotBefore);
        var veto = VetoUrl(record.Handle);
        // The record is stored before the mail: an SMTP outage is reported (503) but never loses the recovery, and the
        // console shows it with the same veto link.
        await mailer.SendAsync(new OwnerMail(record.OwnerEmail!, $"Passport: a new owner key will replace yours at {recovery.NotBefore:u}",
            $"""
            A new Passes owner key (thumbprint {recovery.Thumbprint}) was approved through the link mailed to you, for the
            agents of this address (started from {record.Handle}). It will replace your current owner key at {recovery.NotBefore:u}.

            If this was you, there is nothing to do.
            If this was NOT you, veto it before then with your CURRENT key (your Pass Provider signs the veto):
            {veto}
            """, [veto], recovery.NotBefore), CancellationToken.None);
        return new OwnerActionResult(OwnerActions.RecoverKey, record.Handle, record.Status, record.Did, null, null);
    }

    /// <summary>The pending recovery of the owner of <paramref name="handle"/>, as a link-like request target that expires at <c>not_before</c>.</summary>
    private async Task<(KeyRecovery Recovery, OwnerLink Link)> OpenVetoAsync(string handle, DateTimeOffset now)
    {
        var record = handle.Length <= Handle.MaxLength && Handle.IsValid(handle) ? await records.FindByHandleAsync(handle) : null;
        if (record is null) throw ApiProblem.NotFound(ProblemCodes.RecordNotFound, "No Passport record has this handle.");
        if (record.OwnerEmail is null) throw NotPending();
        var ownerId = OwnerId(record);
        await OwnerKeyAsync(ownerId, now);
        var recovery = await recoveries.FindPendingAsync(ownerId) ?? throw NotPending();
        return (recovery, new OwnerLink(VetoHash(recovery), record.Handle, OwnerActions.VetoRecovery, null, null, null, recovery.NotBefore));
    }

    private string VetoUrl(string handle) => serverOptions.Value.Url(VetoPath + "?handle=" + Uri.EscapeDataString(handle));

    /// <summary>Veto requests have no owner link: their requests are filed under the recovery id instead of a link hash.</summary>
    private static string VetoHash(KeyRecovery recovery) => "recovery:" + recovery.Id;

    private static ApiProblem NoKeyToRecover() => ApiProblem.Conflict(ProblemCodes.RecoveryNoKey,
        "This owner has no Passes key bound, so there is nothing to recover: approve with the emailed link; your first Passes approval binds a key.");

    private static ApiProblem RecoveryPending() => ApiProblem.Conflict(ProblemCodes.RecoveryPending,
        "A key recovery is already pending for this owner; it completes or is vetoed before another can start.");

    private static ApiProblem NotPending() => ApiProblem.NotFound(ProblemCodes.RecoveryNotPending,
        "No key recovery is pending for the owner of this agent (none started, or already vetoed or completed).");
}
