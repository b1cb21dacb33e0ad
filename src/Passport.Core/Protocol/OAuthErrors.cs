namespace Passport.Core.Protocol;

/// <summary>The <c>error</c> values of a <c>WWW-Authenticate</c> challenge (RFC 6750 §3.1, RFC 9449 §7.1, §9).</summary>
public static class OAuthErrors
{
    /// <summary>RFC 6750 §3.1 <c>invalid_request</c>: a missing or malformed credential.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>RFC 6750 §3.1 <c>invalid_token</c>: the access token is expired, revoked, malformed or invalid.</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary>RFC 6750 §3.1 <c>insufficient_scope</c>: the token does not grant what the request needs.</summary>
    public const string InsufficientScope = "insufficient_scope";

    /// <summary>RFC 9449 §7.1 <c>invalid_dpop_proof</c>: the DPoP proof is missing or invalid.</summary>
    public const string InvalidDpopProof = "invalid_dpop_proof";

    /// <summary>RFC 9449 §8, §9 <c>use_dpop_nonce</c>: retry with the nonce of the <c>DPoP-Nonce</c> header.</summary>
    public const string UseDpopNonce = "use_dpop_nonce";

    /// <summary>RFC 6749 §5.2 <c>invalid_client</c>: client authentication failed (token endpoint, 401).</summary>
    public const string InvalidClient = "invalid_client";

    /// <summary>RFC 6749 §5.2 <c>unsupported_grant_type</c>: the token endpoint does not support this <c>grant_type</c>.</summary>
    public const string UnsupportedGrantType = "unsupported_grant_type";

    /// <summary>RFC 6749 §5.2 <c>invalid_scope</c>: the requested scope is not one the client may have.</summary>
    public const string InvalidScope = "invalid_scope";

    /// <summary>RFC 8707 §2 <c>invalid_target</c>: the requested resource is unknown or not allowed.</summary>
    public const string InvalidTarget = "invalid_target";
}
