namespace Passport.Core.Tokens;

/// <summary>Stable codes and client-safe descriptions of <see cref="TokenErrorCode"/> values.</summary>
public static class TokenErrors
{
    /// <summary>The stable code, e.g. <c>token.invalid_signature</c>.</summary>
    public static string Code(TokenErrorCode error) => error switch
    {
        TokenErrorCode.None => "token.valid",
        TokenErrorCode.Missing => "token.missing",
        TokenErrorCode.TooLarge => "token.too_large",
        TokenErrorCode.Malformed => "token.malformed",
        TokenErrorCode.UnsupportedAlgorithm => "token.unsupported_alg",
        TokenErrorCode.UnknownKey => "token.unknown_kid",
        TokenErrorCode.InvalidSignature => "token.invalid_signature",
        TokenErrorCode.InvalidIssuer => "token.invalid_issuer",
        TokenErrorCode.InvalidAudience => "token.invalid_audience",
        TokenErrorCode.InvalidClaims => "token.invalid_claims",
        TokenErrorCode.Expired => "token.expired",
        TokenErrorCode.NotYetValid => "token.not_yet_valid",
        _ => "token.invalid",
    };

    /// <summary>A description safe to return to the client; never contains the token.</summary>
    public static string Describe(TokenErrorCode error) => error switch
    {
        TokenErrorCode.None => "The access token is valid.",
        TokenErrorCode.Missing => "An access token is required; send Authorization: DPoP <token> with the DPoP proof.",
        TokenErrorCode.TooLarge => "The access token is larger than allowed.",
        TokenErrorCode.Malformed => "The access token is not a compact JWS with a JSON header and payload.",
        TokenErrorCode.UnsupportedAlgorithm => "The access token must be signed with alg \"EdDSA\".",
        TokenErrorCode.UnknownKey => "The access token's kid is not in the issuer's JWKS.",
        TokenErrorCode.InvalidSignature => "The access token signature is invalid.",
        TokenErrorCode.InvalidIssuer => "The access token was not issued by the trusted issuer.",
        TokenErrorCode.InvalidAudience => "The access token is not intended for this resource server.",
        TokenErrorCode.InvalidClaims => "The access token lacks required claims (sub, jti, iat, cnf.jkt) or has malformed ones.",
        TokenErrorCode.Expired => "The access token has expired.",
        TokenErrorCode.NotYetValid => "The access token is not valid yet.",
        _ => "The access token is invalid.",
    };
}
