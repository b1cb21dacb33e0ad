namespace Passport.Core.Tokens;

/// <summary>Why an access token was refused by <see cref="PassportTokenValidator"/>. <see cref="None"/> means valid.</summary>
public enum TokenErrorCode
{
    /// <summary>The token passed every check.</summary>
    None = 0,
    /// <summary>No token was presented.</summary>
    Missing,
    /// <summary>The token is longer than <see cref="PassportTokenValidationOptions.MaxTokenLength"/>; refused before parsing.</summary>
    TooLarge,
    /// <summary>Not a compact JWS with a JSON header and payload (including a repeated member name or a string that is not well-formed Unicode).</summary>
    Malformed,
    /// <summary>The <c>alg</c> header is not <c>EdDSA</c> (the only algorithm accepted).</summary>
    UnsupportedAlgorithm,
    /// <summary>No key with the token's <c>kid</c> is in the JWKS.</summary>
    UnknownKey,
    /// <summary>The signature does not verify with the JWKS key.</summary>
    InvalidSignature,
    /// <summary>The <c>iss</c> claim is not the configured issuer.</summary>
    InvalidIssuer,
    /// <summary>The <c>aud</c> claim names none of the accepted audiences.</summary>
    InvalidAudience,
    /// <summary>A required claim (sub, jti, iat, cnf.jkt) is missing or has the wrong type, or exp/nbf is not a NumericDate.</summary>
    InvalidClaims,
    /// <summary>The token carries an <c>exp</c> further in the past than the allowed skew (RFC 7519 §4.1.4).</summary>
    Expired,
    /// <summary>The token carries an <c>nbf</c> further in the future than the allowed skew (RFC 7519 §4.1.5).</summary>
    NotYetValid,
}
