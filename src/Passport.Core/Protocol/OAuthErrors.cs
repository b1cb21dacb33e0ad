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
}
