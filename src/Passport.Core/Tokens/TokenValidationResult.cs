namespace Passport.Core.Tokens;

/// <summary>The outcome of <see cref="PassportTokenValidator.Validate"/>: the verified claims or the failed check.</summary>
public readonly struct TokenValidationResult
{
    private TokenValidationResult(TokenErrorCode error, PassportTokenClaims? claims, string? keyId)
    {
        Error = error;
        Claims = claims;
        KeyId = keyId;
    }

    /// <summary>The failed check, or <see cref="TokenErrorCode.None"/>.</summary>
    public TokenErrorCode Error { get; }

    /// <summary>True when the token is valid.</summary>
    public bool Succeeded => Error == TokenErrorCode.None;

    /// <summary>The verified claims on success.</summary>
    public PassportTokenClaims? Claims { get; }

    /// <summary>The token's <c>kid</c>, when it could be read (useful to refetch a JWKS on <see cref="TokenErrorCode.UnknownKey"/>).</summary>
    public string? KeyId { get; }

    /// <summary>The stable code of <see cref="Error"/>.</summary>
    public string Code => TokenErrors.Code(Error);

    /// <summary>A client-safe description of <see cref="Error"/>.</summary>
    public string Description => TokenErrors.Describe(Error);

    internal static TokenValidationResult Fail(TokenErrorCode error, string? keyId = null) => new(error, null, keyId);

    internal static TokenValidationResult Success(PassportTokenClaims claims, string keyId) => new(TokenErrorCode.None, claims, keyId);
}
