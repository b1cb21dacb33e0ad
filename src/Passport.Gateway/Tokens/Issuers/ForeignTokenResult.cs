using Passport.Core.Tokens;

namespace Passport.Gateway.Tokens.Issuers;

/// <summary>The outcome of <see cref="ForeignTokenValidator"/>: the claims, or the failed check as a <see cref="TokenErrorCode"/>.</summary>
internal readonly record struct ForeignTokenResult(TokenErrorCode Error, ForeignTokenClaims? Claims, string? KeyId)
{
    public bool Succeeded => Error == TokenErrorCode.None;

    public static ForeignTokenResult Fail(TokenErrorCode error, string? keyId = null) => new(error, null, keyId);
}
