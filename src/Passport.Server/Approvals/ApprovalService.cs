using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Passes;
using Passport.Core.Tokens;
using Passport.Server.Claims;
using Passport.Server.Configuration;
using Passport.Server.Mail;
using Passport.Server.Owner;
using Passport.Server.Problems;
using Passport.Server.Secrets;
using Passport.Server.Storage;

namespace Passport.Server.Approvals;

/// <summary>
/// Owner approvals through Passes. <see cref="StartAsync"/> turns an owner link into a Pass Request (fresh nonce,
/// remembered with the exact request bytes); <see cref="CompleteAsync"/> verifies the signed result against the owner's
/// key, checks the signed body (topic, request hash, nonce, origin, time, payload) and performs the action once.
/// </summary>
internal sealed partial class ApprovalService(
    IOwnerLinkStore links,
    IClaimTokenStore claimTokens,
    IRecordStore records,
    IApprovalStore approvals,
    IKeyRecoveryStore recoveries,
    IOwnerActions actions,
    IOwnerMailer mailer,
    RotationProof rotationProof,
    IOptions<PassportServerOptions> serverOptions,
    IOptions<PassesApprovalOptions> options,
    TimeProvider time,
    ILogger<ApprovalService> logger)
{
    private readonly ApprovalBodyValidator _validator = new(
        time, TimeSpan.FromSeconds(options.Value.MaxAgeSeconds), TimeSpan.FromSeconds(options.Value.ClockSkewSeconds));

    /// <summary>The origin approvals must name: the issuer's scheme, host and port, as a browser reports it.</summary>
    public string Origin { get; } = new Uri(serverOptions.Value.Issuer).GetLeftPart(UriPartial.Authority);

    /// <summary>Issues a Pass Request for the action of the owner link <paramref name="token"/>.</summary>
    public async Task<IssuedApproval> StartAsync(string token)
    {
        var now = time.GetUtcNow();
        var hash = SingleUseSecret.Hash(token);
        return await IssueAsync(hash, await OpenLinkAsync(hash, now), now);
    }

    /// <summary>
    /// Issues a Pass Request (<c>org.passport.approve-claim</c>) for the claim token <paramref name="token"/>: the owner
    /// claims through their Pass Provider instead of the emailed button, binding their owner key at the same moment.
    /// </summary>
    public async Task<IssuedApproval> StartClaimAsync(string token)
    {
        var now = time.GetUtcNow();
        var hash = SingleUseSecret.Hash(token);
        return await IssueAsync(hash, await OpenClaimAsync(hash, now), now);
    }

    /// <summary>
    /// Handles the provider's answer. Rejected: nothing changes. Accepted: every check below, then the action, once.
    /// </summary>
    public async Task<ApprovalOutcome> CompleteAsync(string token, byte[] resultEnvelope, JsonElement? rotationProofJson)
    {
        var now = time.GetUtcNow();
        var hash = SingleUseSecret.Hash(token);
        var link = await OpenLinkAsync(hash, now);
        var outcome = await CompleteCoreAsync(hash, link, resultEnvelope, rotationProofJson, now, async verified =>
        {
            var (redeemed, redeemedLink) = await links.RedeemAsync(hash, now);
            if (redeemed != Redemption.Redeemed || redeemedLink is null) throw LinkProblem(redeemed);
            return redeemedLink.Action == OwnerActions.RecoverKey
                ? await StartRecoveryAsync(redeemedLink.Handle, verified, now)
                : await OwnerActions.PerformAsync(actions, redeemedLink);
        });
        // A started recovery: the answer says when the new key takes over.
        return outcome.Status == "approved" && link.Action == OwnerActions.RecoverKey && outcome.Result is not null
            && await records.FindByHandleAsync(link.Handle) is { OwnerEmail: { } email }
            ? outcome with { Recovery = await recoveries.FindPendingAsync(OwnerIdOf(email)) }
            : outcome;
    }

    /// <summary>
    /// Handles the provider's answer to a claim request: the same checks as <see cref="CompleteAsync"/> (the signer must
    /// be the owner's bound key when one is bound already, e.g. by another of their agents), then the claim token is
    /// used and the record becomes CLAIMED; on the owner's first approval the signing key is bound to them.
    /// </summary>
    public async Task<ApprovalOutcome> CompleteClaimAsync(string token, byte[] resultEnvelope)
    {
        var now = time.GetUtcNow();
        var hash = SingleUseSecret.Hash(token);
        var link = await OpenClaimAsync(hash, now);
        return await CompleteCoreAsync(hash, link, resultEnvelope, null, now, async _ =>
        {
            var record = await ClaimEndpoints.RedeemAsync(claimTokens, records, hash, now);
            return new OwnerActionResult(OwnerActions.Claim, record.Handle, record.Status, record.Did, null, null);
        });
    }

    private async Task<IssuedApproval> IssueAsync(string hash, OwnerLink link, DateTimeOffset now)
    {
        var record = await records.FindByHandleAsync(link.Handle)
            ?? throw ApiProblem.NotFound(ProblemCodes.RecordNotFound, "No Passport record has this handle.");
        if (link.Action == OwnerActions.RecoverKey) await EnsureRecoverableAsync(record);
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expiresAt = Min(link.ExpiresAt, now.AddSeconds(options.Value.RequestTtlSeconds));
        var body = new ApprovalRequestBody(Origin, nonce, link.Action, record.Handle, record.Name, record.Did,
            link.Actor, link.Scope, link.NewDid, link.GrantId, expiresAt.ToUnixTimeSeconds());
        var topic = ApprovalTopics.ForAction(link.Action);
        var request = RequestEnvelopeV0.Encode(topic, ApprovalTopics.RequestCodec.Encode(body));
        await approvals.CreateRequestAsync(new PendingApproval(nonce, hash, request, expiresAt));
        // Every request the owner answers with the bound key also warns them of a pending recovery (part of the defence).
        var recovery = record.OwnerEmail is { } email && link.Action != OwnerActions.VetoRecovery ? await recoveries.FindPendingAsync(OwnerIdOf(email)) : null;
        return new IssuedApproval(topic, request, body, await IsOwnerKeyBoundAsync(record))
        {
            PendingRecovery = recovery is null ? null : new PendingRecoveryNotice(recovery.StartedAt, recovery.NotBefore, VetoUrl(record.Handle)),
        };
    }

    /// <summary>The checks shared by every topic, in the documented order; <paramref name="perform"/> runs once, last.</summary>
    private async Task<ApprovalOutcome> CompleteCoreAsync(string hash, OwnerLink link, byte[] resultEnvelope, JsonElement? rotationProofJson,
        DateTimeOffset now, Func<VerifiedSignedResult, Task<OwnerActionResult>> perform)
    {
        var result = DecodeResult(resultEnvelope);
        if (result.Status == ResultStatus.Rejected)
        {
            LogRejected(logger, link.Handle, link.Action);
            return ApprovalOutcome.Rejected(link.Action, link.Handle);
        }
        if (result.Status != ResultStatus.Accepted)
        {
            throw ApiProblem.BadRequest(ApprovalProblemCodes.NotAccepted,
                $"The Pass Provider answered '{result.Status.ToString().ToLowerInvariant()}'{(result.Message is { Length: > 0 } m ? $" ({m})" : "")}; only an accepted, signed result approves.");
        }

        var record = await records.FindByHandleAsync(link.Handle)
            ?? throw ApiProblem.NotFound(ProblemCodes.RecordNotFound, "No Passport record has this handle.");
        var ownerId = OwnerId(record);
        var bound = await OwnerKeyAsync(ownerId, now);
        // A recovery is signed by the NEW key (the bound one is lost): any valid signer, but never the bound key itself.
        var recovering = link.Action == OwnerActions.RecoverKey;
        var verified = Verify(result.Body.Span, recovering ? null : bound?.Thumbprint);
        var body = DecodeBody(verified);
        if (recovering && bound is null) throw NoKeyToRecover();
        // A veto needs no secret, so it must never bind a key on first use (e.g. after an operator deleted the row).
        if (link.Action == OwnerActions.VetoRecovery && bound is null)
        {
            throw ApiProblem.Forbidden(ApprovalProblemCodes.SignerMismatch, "Only the owner's bound Passes key can veto a recovery, and none is bound.");
        }
        if (recovering && FixedTimeEquals(bound!.Thumbprint, verified.SignerThumbprint))
        {
            throw ApiProblem.Conflict(ProblemCodes.RecoverySameKey, "The new key is the key already bound to this owner; nothing to recover.");
        }

        var pending = await OpenRequestAsync(body, hash, now);
        ApprovalPayload.Check(body.Payload, link);
        if (link.Action == OwnerActions.Rotate) await rotationProof.VerifyAsync(rotationProofJson, link.NewDid!, now);

        if (!await approvals.TryConsumeRequestAsync(pending.Nonce, hash, now))
        {
            throw ApiProblem.Conflict(ApprovalProblemCodes.Replayed, "This request was already answered; a result is accepted once.");
        }
        if (bound is null) await BindAsync(ownerId, verified, now);

        var outcome = await perform(verified);
        LogApproved(logger, outcome.Handle, outcome.Action, verified.SignerThumbprint);
        return ApprovalOutcome.Approved(outcome, verified.SignerThumbprint);
    }

    /// <summary>
    /// The open request the signed <paramref name="body"/> answers, filed under <paramref name="hash"/>, checked against
    /// what the IdP sent (topic, request hash, nonce, origin, age). Expectations come from the stored request, never from
    /// the result. 400 <c>approval.unknown_request</c> or the <see cref="Refusal"/> of the first failed check.
    /// </summary>
    private async Task<PendingApproval> OpenRequestAsync(ApprovalBody body, string hash, DateTimeOffset now)
    {
        var pending = await approvals.FindOpenRequestAsync(body.Nonce, now);
        if (pending is null || !FixedTimeEquals(pending.LinkHash, hash))
        {
            throw ApiProblem.BadRequest(ApprovalProblemCodes.UnknownRequest,
                "The approval answers no open request of this owner link (already answered, expired, or made for another request).");
        }
        var validation = _validator.Validate(body, ApprovalExpectation.ForRequest(pending.Request, pending.Nonce, Origin));
        if (!validation.IsValid) throw Refusal(validation.Failure);
        return pending;
    }

    /// <summary>
    /// True when the owner of <paramref name="handle"/> has bound a Passes key: from then on their actions need a signed
    /// approval, and the emailed link alone (<c>POST /auth/owner/approve</c>) is refused, so the key is a real second factor.
    /// </summary>
    public async Task<bool> RequiresSignedApprovalAsync(string handle) =>
        await records.FindByHandleAsync(handle) is { } record && await IsOwnerKeyBoundAsync(record);

    private async Task<bool> IsOwnerKeyBoundAsync(PassportRecord record) =>
        record.OwnerEmail is not null && await OwnerKeyAsync(OwnerId(record), time.GetUtcNow()) is not null;

    /// <summary>
    /// The owner's bound key. Every lookup first completes a due recovery (lazy completion: the new key replaces the
    /// bound one at the first approval, request or console view after <c>not_before</c>; no background timer).
    /// </summary>
    private async Task<BoundOwnerKey?> OwnerKeyAsync(string ownerId, DateTimeOffset now)
    {
        if (await recoveries.CompleteDueAsync(ownerId, now)) LogRecoveryCompleted(logger, ownerId[..12]);
        return await approvals.FindOwnerKeyAsync(ownerId);
    }

    private async Task<OwnerLink> OpenLinkAsync(string hash, DateTimeOffset now)
    {
        var (state, link) = await links.PeekAsync(hash, now);
        return state == Redemption.Redeemed && link is not null ? link : throw LinkProblem(state);
    }

    /// <summary>A usable claim token, as a link whose action is <c>claim</c> (the record must not be revoked).</summary>
    private async Task<OwnerLink> OpenClaimAsync(string hash, DateTimeOffset now)
    {
        var (state, handle, expiresAt) = await claimTokens.PeekAsync(hash, now);
        if (state != Redemption.Redeemed || handle is null) throw ClaimEndpoints.Problem(state);
        var record = await records.FindByHandleAsync(handle);
        if (record is null || record.Status == PassportStatus.Revoked)
        {
            throw ApiProblem.Forbidden(ProblemCodes.ClaimRevoked, "The record of this claim token is revoked.");
        }
        return new OwnerLink(hash, handle, OwnerActions.Claim, null, null, null, expiresAt);
    }

    private async Task BindAsync(string ownerId, VerifiedSignedResult verified, DateTimeOffset now)
    {
        if (await approvals.TryBindOwnerKeyAsync(new BoundOwnerKey(ownerId, verified.SignerThumbprint, verified.Signer.ToJson(), now))) return;
        // Another approval bound a key first: this one must be signed by that same key.
        var winner = await OwnerKeyAsync(ownerId, now);
        if (winner is null || !FixedTimeEquals(winner.Thumbprint, verified.SignerThumbprint))
        {
            throw ApiProblem.Forbidden(ApprovalProblemCodes.SignerMismatch, "The approval is not signed by the owner's Passes key.");
        }
    }

    private static ResultEnvelopeV0 DecodeResult(byte[] bytes)
    {
        try
        {
            return ResultEnvelopeV0.Decode(bytes);
        }
        catch (PassesFormatException e)
        {
            throw ApiProblem.BadRequest(ApprovalProblemCodes.InvalidResult, $"The result is not a Passes result envelope ({e.Code}): {e.Message}");
        }
    }

    private static VerifiedSignedResult Verify(ReadOnlySpan<byte> signedBody, string? expectedThumbprint)
    {
        try
        {
            return SignedResultVerifier.Verify(signedBody, expectedThumbprint);
        }
        catch (PassesSignatureException e) when (e.Code == PassesErrorCodes.SignerMismatch)
        {
            throw ApiProblem.Forbidden(ApprovalProblemCodes.SignerMismatch,
                "The approval is signed by another key than the one bound to this owner on their first approval.");
        }
        catch (PassesSignatureException)
        {
            throw ApiProblem.BadRequest(ApprovalProblemCodes.InvalidSignature, "The signature of the approval does not verify over its body.");
        }
        catch (PassesFormatException e)
        {
            throw ApiProblem.BadRequest(ApprovalProblemCodes.InvalidResult, $"The signed result is malformed ({e.Code}): {e.Message}");
        }
    }

    private static ApprovalBody DecodeBody(VerifiedSignedResult verified)
    {
        try
        {
            return verified.DecodeBody(ApprovalBody.Codec);
        }
        catch (PassesFormatException e)
        {
            throw ApiProblem.BadRequest(ApprovalProblemCodes.InvalidResult,
                $"The signed body is not an approval body {{topic, requestHash, nonce, origin, issuedAt, payload}} ({e.Code}).");
        }
    }

    private static ApiProblem Refusal(ApprovalFailure failure) => failure switch
    {
        ApprovalFailure.TopicMismatch => ApiProblem.BadRequest(ApprovalProblemCodes.TopicMismatch, "The approval names another topic than the request."),
        ApprovalFailure.RequestHashMismatch => ApiProblem.BadRequest(ApprovalProblemCodes.RequestHashMismatch, "The approval's requestHash is not the hash of the request the IdP sent."),
        ApprovalFailure.NonceMismatch => ApiProblem.BadRequest(ApprovalProblemCodes.NonceMismatch, "The approval's nonce is not the request's nonce."),
        ApprovalFailure.OriginMismatch => ApiProblem.BadRequest(ApprovalProblemCodes.OriginMismatch, "The approval was given to another origin than this identity provider."),
        ApprovalFailure.IssuedInFuture => ApiProblem.BadRequest(ApprovalProblemCodes.IssuedInFuture, "The approval's issuedAt is in the future; check the device clock."),
        _ => ApiProblem.BadRequest(ApprovalProblemCodes.Expired, "The approval is too old; approve again."),
    };

    private static ApiProblem LinkProblem(Redemption state) => state switch
    {
        Redemption.Expired => ApiProblem.BadRequest(ProblemCodes.OwnerLinkExpired, "This owner link has expired; request a new one."),
        Redemption.Used => ApiProblem.BadRequest(ProblemCodes.OwnerLinkUsed, "This owner link has already been used."),
        _ => ApiProblem.BadRequest(ProblemCodes.OwnerLinkUnknown, "This owner link is not known."),
    };

    /// <summary>The owner is the confirmed owner email; only its SHA-256 is stored with the key.</summary>
    private static string OwnerId(PassportRecord record) => OwnerIdOf(record.OwnerEmail ?? throw ApiProblem.Conflict(
        ProblemCodes.OwnerNotClaimed, "Only the confirmed owner of a CLAIMED record can approve owner actions."));

    /// <summary>SHA-256 (lower-case hex) of the trimmed, lower-cased owner email: the owner id of keys and recoveries.</summary>
    public static string OwnerIdOf(string email) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Owner approved {Action} of {Handle} through Passes (key {Thumbprint})")]
    private static partial void LogApproved(ILogger logger, string handle, string action, string thumbprint);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Owner key recovery {Id} started from {Handle} (new key {Thumbprint}, completes at {NotBefore})")]
    private static partial void LogRecoveryStarted(ILogger logger, string id, string handle, string thumbprint, DateTimeOffset notBefore);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Owner key recovery {Id} vetoed by the bound key")]
    private static partial void LogRecoveryVetoed(ILogger logger, string id);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Information, Message = "Owner key recovery completed for owner {OwnerIdPrefix}…: the new key is bound")]
    private static partial void LogRecoveryCompleted(ILogger logger, string ownerIdPrefix);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Owner rejected {Action} of {Handle} through Passes")]
    private static partial void LogRejected(ILogger logger, string handle, string action);
}

/// <summary>A Pass Request issued for an owner link.</summary>
internal sealed record IssuedApproval(string Topic, byte[] Request, ApprovalRequestBody Body, bool OwnerKeyBound)
{
    /// <summary>The owner's pending key recovery, shown on the owner page with its veto link; null when none.</summary>
    public PendingRecoveryNotice? PendingRecovery { get; init; }
}

/// <summary>What the owner page says about a pending recovery: when it started, when it completes, where to veto it.</summary>
internal sealed record PendingRecoveryNotice(DateTimeOffset StartedAt, DateTimeOffset CompletesAt, string VetoUrl);

/// <summary>What <see cref="ApprovalService.CompleteAsync"/> did.</summary>
internal sealed record ApprovalOutcome(string Status, string Action, string Handle, OwnerActionResult? Result, string? SignerThumbprint)
{
    /// <summary>The recovery a <c>recover-key</c> approval started.</summary>
    public KeyRecovery? Recovery { get; init; }

    public static ApprovalOutcome Rejected(string action, string handle) => new("rejected", action, handle, null, null);

    public static ApprovalOutcome Approved(OwnerActionResult result, string thumbprint) => new("approved", result.Action, result.Handle, result, thumbprint);
}
