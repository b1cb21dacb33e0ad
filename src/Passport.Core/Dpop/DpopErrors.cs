namespace Passport.Core.Dpop;

/// <summary>Stable codes and descriptions of <see cref="DpopErrorCode"/> values, as they appear in problem bodies and logs.</summary>
public static class DpopErrors
{
    /// <summary>The stable code, e.g. <c>dpop.invalid_type</c>.</summary>
    public static string Code(DpopErrorCode error) => error switch
    {
        DpopErrorCode.None => "dpop.valid",
        DpopErrorCode.Missing => "dpop.missing",
        DpopErrorCode.TooLarge => "dpop.too_large",
        DpopErrorCode.Malformed => "dpop.malformed",
        DpopErrorCode.InvalidType => "dpop.invalid_typ",
        DpopErrorCode.UnsupportedAlgorithm => "dpop.unsupported_alg",
        DpopErrorCode.InvalidJwk => "dpop.invalid_jwk",
        DpopErrorCode.PrivateKeyInJwk => "dpop.private_key_in_jwk",
        DpopErrorCode.InvalidSignature => "dpop.invalid_signature",
        DpopErrorCode.MethodMismatch => "dpop.htm_mismatch",
        DpopErrorCode.UriMismatch => "dpop.htu_mismatch",
        DpopErrorCode.MissingIssuedAt => "dpop.missing_iat",
        DpopErrorCode.StaleIssuedAt => "dpop.stale_iat",
        DpopErrorCode.FutureIssuedAt => "dpop.future_iat",
        DpopErrorCode.MissingJti => "dpop.missing_jti",
        DpopErrorCode.JtiTooLong => "dpop.jti_too_long",
        DpopErrorCode.MissingAth => "dpop.missing_ath",
        DpopErrorCode.AthMismatch => "dpop.ath_mismatch",
        DpopErrorCode.NonceRequired => "dpop.use_nonce",
        DpopErrorCode.KeyMismatch => "dpop.jkt_mismatch",
        DpopErrorCode.Expired => "dpop.expired",
        DpopErrorCode.NotYetValid => "dpop.not_yet_valid",
        _ => "dpop.invalid",
    };

    /// <summary>A description safe to return to the client: it names the failed check, never the proof's content.</summary>
    public static string Describe(DpopErrorCode error) => error switch
    {
        DpopErrorCode.None => "The DPoP proof is valid.",
        DpopErrorCode.Missing => "A DPoP proof is required in exactly one DPoP header.",
        DpopErrorCode.TooLarge => "The DPoP proof is larger than allowed.",
        DpopErrorCode.Malformed => "The DPoP proof is not a compact JWS with a JSON header and payload.",
        DpopErrorCode.InvalidType => "The DPoP proof header must have typ \"dpop+jwt\".",
        DpopErrorCode.UnsupportedAlgorithm => "The DPoP proof must be signed with an accepted alg: \"EdDSA\" (or \"Ed25519\"), or \"ES256\" where enabled.",
        DpopErrorCode.InvalidJwk => "The DPoP proof header must carry a public jwk of its alg: OKP/Ed25519 for EdDSA, EC/P-256 for ES256.",
        DpopErrorCode.PrivateKeyInJwk => "The DPoP proof jwk must not contain a private key.",
        DpopErrorCode.InvalidSignature => "The DPoP proof signature does not verify with its jwk.",
        DpopErrorCode.MethodMismatch => "The DPoP proof htm does not match the request method.",
        DpopErrorCode.UriMismatch => "The DPoP proof htu does not match the request URI.",
        DpopErrorCode.MissingIssuedAt => "The DPoP proof must carry iat, a NumericDate.",
        DpopErrorCode.StaleIssuedAt => "The DPoP proof iat is too old.",
        DpopErrorCode.FutureIssuedAt => "The DPoP proof iat is in the future.",
        DpopErrorCode.MissingJti => "The DPoP proof must carry a jti.",
        DpopErrorCode.JtiTooLong => "The DPoP proof jti is too long.",
        DpopErrorCode.MissingAth => "The DPoP proof must carry ath, the hash of the access token.",
        DpopErrorCode.AthMismatch => "The DPoP proof ath does not match the access token.",
        DpopErrorCode.NonceRequired => "The resource server requires a DPoP nonce; use the one in the DPoP-Nonce header.",
        DpopErrorCode.KeyMismatch => "The DPoP proof key is not the key the access token is bound to.",
        DpopErrorCode.Expired => "The DPoP proof exp is in the past.",
        DpopErrorCode.NotYetValid => "The DPoP proof nbf is in the future.",
        _ => "The DPoP proof is invalid.",
    };
}
