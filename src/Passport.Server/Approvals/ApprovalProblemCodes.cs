namespace Passport.Server.Approvals;

/// <summary>Stable <c>code</c> values of the problems the Passes approval endpoints return.</summary>
internal static class ApprovalProblemCodes
{
    /// <summary>The result is not base64url, not a result envelope, or its signed body is malformed.</summary>
    public const string InvalidResult = "approval.invalid_result";

    /// <summary>The result is unsupported or an exception (a rejection is not an error).</summary>
    public const string NotAccepted = "approval.not_accepted";

    /// <summary>The signature does not verify over the body.</summary>
    public const string InvalidSignature = "approval.invalid_signature";

    /// <summary>Signed by a key other than the owner's bound key.</summary>
    public const string SignerMismatch = "approval.signer_mismatch";

    /// <summary>The body's nonce names no open request of this owner link (unknown, another link's, or expired).</summary>
    public const string UnknownRequest = "approval.unknown_request";

    /// <summary>The request was already answered: a replayed result.</summary>
    public const string Replayed = "approval.replayed";

    /// <summary>The body's topic is not the requested topic.</summary>
    public const string TopicMismatch = "approval.topic_mismatch";

    /// <summary>The body's request hash is not the hash of the request the IdP sent.</summary>
    public const string RequestHashMismatch = "approval.request_hash_mismatch";

    /// <summary>The body's nonce is not the request's nonce.</summary>
    public const string NonceMismatch = "approval.nonce_mismatch";

    /// <summary>The body's origin is not the IdP's origin.</summary>
    public const string OriginMismatch = "approval.origin_mismatch";

    /// <summary>The body was issued further in the future than the allowed skew.</summary>
    public const string IssuedInFuture = "approval.issued_in_future";

    /// <summary>The body is older than the allowed age.</summary>
    public const string Expired = "approval.expired";

    /// <summary>The body's payload does not describe the action of the owner link.</summary>
    public const string PayloadMismatch = "approval.payload_mismatch";
}
