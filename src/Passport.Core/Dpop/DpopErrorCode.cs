namespace Passport.Core.Dpop;

/// <summary>Which RFC 9449 §4.3 check a DPoP proof failed. <see cref="None"/> means the proof is valid.</summary>
public enum DpopErrorCode
{
    /// <summary>The proof passed every check.</summary>
    None = 0,
    /// <summary>No proof was presented.</summary>
    Missing,
    /// <summary>The proof is longer than <see cref="DpopProofValidationOptions.MaxProofLength"/>; refused before parsing.</summary>
    TooLarge,
    /// <summary>Not a compact JWS of three base64url parts with JSON header and payload (§4.3 steps 2–3).</summary>
    Malformed,
    /// <summary>The <c>typ</c> header is not <c>dpop+jwt</c> (§4.3 step 4).</summary>
    InvalidType,
    /// <summary>The <c>alg</c> header is not an accepted algorithm: <c>EdDSA</c>/<c>Ed25519</c>, and <c>ES256</c> when enabled (§4.3 step 5).</summary>
    UnsupportedAlgorithm,
    /// <summary>The <c>jwk</c> header is missing, not an OKP/Ed25519 or EC/P-256 public key, or not a key for the <c>alg</c> (§4.3 step 7).</summary>
    InvalidJwk,
    /// <summary>The <c>jwk</c> header contains a private key (<c>d</c>) (§4.3 step 7).</summary>
    PrivateKeyInJwk,
    /// <summary>The signature does not verify with the <c>jwk</c> header (§4.3 step 6).</summary>
    InvalidSignature,
    /// <summary>The <c>htm</c> claim is missing or is not the request method (§4.3 step 8).</summary>
    MethodMismatch,
    /// <summary>The <c>htu</c> claim is missing or is not the request URI (§4.3 step 9).</summary>
    UriMismatch,
    /// <summary>The <c>iat</c> claim is missing or not a NumericDate (RFC 7519 §2; a non-integer value is allowed) (§4.2).</summary>
    MissingIssuedAt,
    /// <summary>The <c>iat</c> claim is older than the acceptance window (§4.3 step 11).</summary>
    StaleIssuedAt,
    /// <summary>The <c>iat</c> claim is further in the future than the allowed skew (§4.3 step 11).</summary>
    FutureIssuedAt,
    /// <summary>The <c>jti</c> claim is missing or empty (§4.2).</summary>
    MissingJti,
    /// <summary>The <c>jti</c> claim is longer than <see cref="DpopProofValidationOptions.MaxJtiLength"/>.</summary>
    JtiTooLong,
    /// <summary>An access token is presented and <c>ath</c> is required but absent (§4.3 step 12).</summary>
    MissingAth,
    /// <summary>The <c>ath</c> claim is not base64url(SHA-256(access token)) (§4.3 step 12).</summary>
    AthMismatch,
    /// <summary>The server requires a nonce and the proof carries none or another one (§8, error <c>use_dpop_nonce</c>).</summary>
    NonceRequired,
    /// <summary>The thumbprint of the proof's <c>jwk</c> is not the token's <c>cnf.jkt</c> (§6.1, §4.3 step 12).</summary>
    KeyMismatch,
    /// <summary>The proof carries an <c>exp</c> claim further in the past than the allowed skew (RFC 7519 §4.1.4).</summary>
    Expired,
    /// <summary>The proof carries an <c>nbf</c> claim further in the future than the allowed skew (RFC 7519 §4.1.5).</summary>
    NotYetValid,
}
