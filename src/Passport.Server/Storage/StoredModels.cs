namespace Passport.Server.Storage;

/// <summary>A Passport record (seeds/004 §claim): handle → current DID, status, owner contact.</summary>
internal sealed record PassportRecord(long Id, string Handle, string Did, string Status, string? Name, string? OwnerEmail, DateTimeOffset CreatedAt);

/// <summary>
/// An owner-action link (hash of the emailed token; the token itself is never stored). <see cref="GrantId"/> names the
/// grant an <c>ungrant</c> link revokes (its <see cref="Actor"/> and <see cref="Scope"/> copy the grant's, for display).
/// </summary>
internal sealed record OwnerLink(string Hash, string Handle, string Action, string? NewDid, string? Actor, IReadOnlyList<string>? Scope,
    DateTimeOffset ExpiresAt, string? GrantId = null);

/// <summary>A delegation grant: <see cref="Principal"/> lets <see cref="Actor"/> act for it within <see cref="Scope"/>.</summary>
internal sealed record DelegationGrant(string Id, string Principal, string Actor, IReadOnlyList<string> Scope, string Status, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public const string Active = "ACTIVE";
    public const string Revoked = "REVOKED";
}

/// <summary>A durable revocation event (docs/api-contract.md §Revocation events). <see cref="Id"/> strictly increases.</summary>
internal sealed record RevocationEvent(long Id, string Type, string Handle, string Did, string? NewDid, string? GrantId, DateTimeOffset At)
{
    public const string RecordRevoked = "record_revoked";
    public const string DidRotated = "did_rotated";
    public const string GrantRevoked = "grant_revoked";
}

/// <summary>The outcome of redeeming a single-use secret (nonce, claim token, owner link).</summary>
internal enum Redemption
{
    Redeemed,
    Unknown,
    Expired,
    Used,
}
