namespace Passport.Core.Tokens;

/// <summary>The actor of a delegation token (RFC 8693 §4.1 <c>act</c>): the agent that presents the token.</summary>
/// <param name="Subject">The actor's DID (<c>act.sub</c>).</param>
/// <param name="Handle">The actor's handle (<c>act.handle</c>).</param>
public sealed record PassportActor(string Subject, string? Handle);

/// <summary>
/// The claims of a Passport access token (seeds/004): self-identity tokens, and delegation tokens that add
/// <see cref="Actor"/>, <see cref="Scope"/> and <see cref="GrantId"/>. Passport's IdP issues no <c>exp</c>; a token that
/// carries <c>exp</c> or <c>nbf</c> has them in <see cref="ExpiresAt"/> and <see cref="NotBefore"/>.
/// </summary>
public sealed record PassportTokenClaims
{
    /// <summary><c>iss</c>: the IdP's issuer URL.</summary>
    public required string Issuer { get; init; }
    /// <summary><c>aud</c>: the resource server the token is for.</summary>
    public required string Audience { get; init; }
    /// <summary><c>sub</c>: the DID of the agent, or of the principal in a delegation token.</summary>
    public required string Subject { get; init; }
    /// <summary><c>jti</c>: unique token id.</summary>
    public required string JwtId { get; init; }
    /// <summary><c>iat</c>: issue time in seconds since the Unix epoch (a fractional NumericDate truncated to whole seconds).</summary>
    public required long IssuedAt { get; init; }
    /// <summary><c>cnf.jkt</c>: RFC 7638 thumbprint (base64url) of the key that must sign DPoP proofs.</summary>
    public required string Jkt { get; init; }
    /// <summary><c>exp</c> (RFC 7519 §4.1.4) in whole seconds, when the token carries one.</summary>
    public long? ExpiresAt { get; init; }
    /// <summary><c>nbf</c> (RFC 7519 §4.1.5) in whole seconds, when the token carries one.</summary>
    public long? NotBefore { get; init; }
    /// <summary><c>handle</c> of the subject.</summary>
    public string? Handle { get; init; }
    /// <summary><c>status</c> of the subject's record at issue time.</summary>
    public string? Status { get; init; }
    /// <summary><c>name</c> of the subject.</summary>
    public string? Name { get; init; }
    /// <summary><c>act</c>: present only on delegation tokens.</summary>
    public PassportActor? Actor { get; init; }
    /// <summary><c>scope</c>: scopes of a delegation token (JSON array of strings).</summary>
    public IReadOnlyList<string>? Scope { get; init; }
    /// <summary><c>grant_id</c>: the delegation grant behind a delegation token.</summary>
    public string? GrantId { get; init; }

    /// <summary>True for delegation tokens (those carrying <c>act</c>).</summary>
    public bool IsDelegation => Actor is not null;
}
