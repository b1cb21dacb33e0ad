namespace Passport.Gateway.Tokens.Issuers;

/// <summary>
/// What the gateway keeps of a verified token from a configured issuer (<c>Passport:Issuers</c>), read through the
/// entry's claim mapping (RFC 9068 §2.2 names by default). Values are as the issuer wrote them.
/// </summary>
/// <param name="IssuerName">The entry's <c>Name</c>.</param>
/// <param name="Issuer">The token's <c>iss</c>.</param>
/// <param name="Subject">The subject claim, or null.</param>
/// <param name="ClientId">The client claim, or null.</param>
/// <param name="Scope">The scopes, space-separated (an array claim is joined), or null.</param>
/// <param name="Actor">The <c>sub</c> of the actor claim (RFC 8693 §4.1), or null.</param>
/// <param name="Jkt">The <c>cnf.jkt</c> thumbprint the DPoP proof must match (RFC 9449 §6.1), or null when unbound.</param>
/// <param name="ExpiresAt">The <c>exp</c>, seconds since the Unix epoch; always present for a foreign token.</param>
/// <param name="KeyId">The <c>kid</c> the token was verified with.</param>
internal sealed record ForeignTokenClaims(
    string IssuerName, string Issuer, string? Subject, string? ClientId, string? Scope, string? Actor, string? Jkt, long ExpiresAt, string KeyId)
{
    /// <summary>The token's <c>aud</c> value that matched the entry's (or the gateway's) audiences.</summary>
    public string Audience { get; init; } = "";

    /// <summary>The <c>jti</c>, or null.</summary>
    public string? JwtId { get; init; }

    /// <summary>The <c>iat</c>, seconds since the Unix epoch; 0 when absent.</summary>
    public long IssuedAt { get; init; }
}
