namespace Passport.Server.Problems;

/// <summary>
/// The stable <c>code</c> values of the IdP's own problem+json bodies. Refusals of the Passport scheme (token, proof, replay,
/// revoked / rotated / unknown record, revoked grant) are the package's <c>RefusalCatalog</c>; no code here repeats one of
/// those with another meaning (a test checks it).
/// </summary>
internal static class ProblemCodes
{
    public const string UnsupportedMediaType = "request.unsupported_media_type";
    public const string MalformedJson = "request.malformed_json";
    public const string MissingField = "request.missing_field";
    public const string InvalidField = "request.invalid_field";
    public const string FieldTooLong = "request.field_too_long";
    public const string BodyTooLarge = "request.body_too_large";
    public const string BadRequest = "request.invalid";
    public const string RateLimited = "rate_limited";
    public const string NotFound = "not_found";
    public const string InternalError = "server.error";
    /// <summary>503: the SMTP queue is full (a long mail outage); the action's record was stored, ask again later.</summary>
    public const string MailUnavailable = "mail.unavailable";
    /// <summary>503 at <c>/readyz</c>: the database does not answer.</summary>
    public const string StorageUnavailable = "storage.unavailable";
    /// <summary>503 at <c>/readyz</c>: <c>Passport:Redis:Configuration</c> is set and Redis does not answer PING.</summary>
    public const string RedisUnavailable = "redis.unavailable";

    public const string DidAlreadyRegistered = "did.already_registered";
    public const string EmailInvalid = "email.invalid";
    public const string NameTooLong = "name.too_long";
    public const string RecordNotFound = "record.not_found";

    public const string ChallengeUnknown = "challenge.unknown";
    public const string ChallengeExpired = "challenge.expired";
    public const string ChallengeUsed = "challenge.used";
    public const string NonceMalformed = "challenge.nonce_malformed";
    public const string SignatureMalformed = "signature.malformed";
    public const string SignatureInvalid = "signature.invalid";
    public const string InvalidTarget = "invalid_target";

    /// <summary>RFC 6749 §5.2: client authentication failed (the <c>private_key_jwt</c> assertion, or the client is unknown or revoked).</summary>
    public const string InvalidClient = "invalid_client";
    /// <summary>RFC 6749 §5.2: the form-encoded token request names a grant this IdP does not support.</summary>
    public const string UnsupportedGrantType = "unsupported_grant_type";
    /// <summary>RFC 6749 §5.2: the form-encoded token request lacks or repeats a parameter, or has a malformed one.</summary>
    public const string InvalidTokenRequest = "oauth.invalid_request";

    public const string ClaimUnknown = "claim.unknown";
    public const string ClaimExpired = "claim.expired";
    public const string ClaimUsed = "claim.used";
    public const string ClaimRevoked = "claim.record_revoked";

    public const string OwnerNotClaimed = "owner.not_claimed";
    public const string OwnerInvalidAction = "owner.invalid_action";
    public const string OwnerLinkUnknown = "owner_link.unknown";
    public const string OwnerLinkExpired = "owner_link.expired";
    public const string OwnerLinkUsed = "owner_link.used";
    public const string OwnerProofRequired = "owner.proof_required";
    public const string OwnerPassesRequired = "owner.passes_required";
    public const string OwnerRotationConflict = "owner.rotation_conflict";

    /// <summary>Owner-key recovery (docs/owner.md): a recovery is already pending for this owner (409).</summary>
    public const string RecoveryPending = "recovery.pending";

    /// <summary>Owner-key recovery: the owner has no Passes key bound, so there is nothing to recover (409); approve by link instead.</summary>
    public const string RecoveryNoKey = "recovery.no_key";

    /// <summary>Owner-key recovery: the new key is the key already bound (409); nothing would change.</summary>
    public const string RecoverySameKey = "recovery.same_key";

    /// <summary>Owner-key recovery: no recovery of this owner is pending (404): none started, already vetoed or already completed.</summary>
    public const string RecoveryNotPending = "recovery.not_pending";

    public const string OwnerSignInUnknown = "owner_signin.unknown";
    public const string OwnerSignInExpired = "owner_signin.expired";
    public const string OwnerSignInUsed = "owner_signin.used";
    /// <summary>
    /// Console sign-in through Passes (403): the one answer for every refused signed sign-in — no key bound, unknown
    /// address, another signer, bad signature, replayed or expired request — so it tells nobody which addresses own agents.
    /// </summary>
    public const string OwnerSignInRefused = "owner_signin.refused";

    /// <summary>Console sign-in through Passes (403): the POST came from another origin than the IdP's (a cross-site post).</summary>
    public const string OwnerSignInCrossOrigin = "owner_signin.cross_origin";
    public const string OwnerSessionRequired = "owner_session.required";
    public const string OwnerCsrfInvalid = "owner_session.csrf_invalid";

    public const string DelegationNotTransitive = "delegation.not_transitive";
    public const string DelegationNoGrant = "delegation.no_grant";
    public const string DelegationNotFound = "delegation.not_found";
    public const string DelegationSelf = "delegation.self";

    /// <summary>An owner asked to ungrant a delegation that is already revoked (409).</summary>
    public const string DelegationAlreadyRevoked = "delegation.already_revoked";
    public const string InvalidScope = "invalid_scope";
}
