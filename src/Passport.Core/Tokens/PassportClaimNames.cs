namespace Passport.Core.Tokens;

/// <summary>Claim names of Passport access tokens (seeds/004 §token, RFC 7519, RFC 7800, RFC 8693).</summary>
public static class PassportClaimNames
{
    /// <summary>Issuer (RFC 7519 §4.1.1).</summary>
    public const string Issuer = "iss";
    /// <summary>Audience: the resource server (RFC 7519 §4.1.3, RFC 8707).</summary>
    public const string Audience = "aud";
    /// <summary>Subject: the agent's (or principal's) DID.</summary>
    public const string Subject = "sub";
    /// <summary>Token identifier.</summary>
    public const string JwtId = "jti";
    /// <summary>Issued-at, a NumericDate: seconds since the Unix epoch, possibly non-integer (RFC 7519 §2).</summary>
    public const string IssuedAt = "iat";
    /// <summary>Expiration time, a NumericDate (RFC 7519 §4.1.4); Passport's IdP issues none, but it is honoured when present.</summary>
    public const string ExpiresAt = "exp";
    /// <summary>Not-before time, a NumericDate (RFC 7519 §4.1.5); honoured when present.</summary>
    public const string NotBefore = "nbf";
    /// <summary>The agent's handle.</summary>
    public const string Handle = "handle";
    /// <summary>The record status: UNCLAIMED, CLAIMED or REVOKED.</summary>
    public const string Status = "status";
    /// <summary>The agent's display name.</summary>
    public const string Name = "name";
    /// <summary>Confirmation (RFC 7800); holds <c>jkt</c> (RFC 9449 §6.1).</summary>
    public const string Confirmation = "cnf";
    /// <summary>JWK thumbprint member of <c>cnf</c>.</summary>
    public const string JwkThumbprint = "jkt";
    /// <summary>Actor of a delegation token (RFC 8693 §4.1).</summary>
    public const string Actor = "act";
    /// <summary>Scopes granted to the actor, a JSON array of strings (seeds/004 §delegation).</summary>
    public const string Scope = "scope";
    /// <summary>Identifier of the delegation grant a delegation token was issued under; revoking the grant revokes the token.</summary>
    public const string GrantId = "grant_id";
}
