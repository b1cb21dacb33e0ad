namespace Passport.Server.Storage;

/// <summary>Passport records. Compound changes (revoke, rotate) write their revocation event in the same transaction.</summary>
internal interface IRecordStore
{
    /// <summary>Inserts a record; false when the DID or the handle is taken.</summary>
    Task<bool> TryCreateAsync(string handle, string did, string? name, string? ownerEmail, DateTimeOffset createdAt);

    Task<PassportRecord?> FindByHandleAsync(string handle);

    Task<PassportRecord?> FindByDidAsync(string did);

    /// <summary>Records with id greater than <paramref name="afterId"/>, by id, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PassportRecord>> ListAsync(long afterId, int limit);

    /// <summary>
    /// UNCLAIMED → CLAIMED, storing <paramref name="at"/> as the claim time (kept when already set); false when the
    /// record is not UNCLAIMED or CLAIMED.
    /// </summary>
    Task<bool> MarkClaimedAsync(string handle, DateTimeOffset at);

    /// <summary>Sets REVOKED, revokes the record's grants and appends <c>record_revoked</c>; null when already revoked.</summary>
    Task<RevocationEvent?> RevokeAsync(string handle, DateTimeOffset at);

    /// <summary>Moves the handle from <paramref name="oldDid"/> to <paramref name="newDid"/> and appends <c>did_rotated</c>; null when the record changed meanwhile; throws on a taken DID.</summary>
    Task<RevocationEvent?> RotateAsync(string handle, string oldDid, string newDid, DateTimeOffset at);
}

/// <summary>Challenge nonces (stored as SHA-256), bound to a DID.</summary>
internal interface IChallengeStore
{
    Task CreateAsync(string nonceHash, string did, DateTimeOffset expiresAt);

    /// <summary>Atomically marks the nonce used when it exists for <paramref name="did"/>, is unused and unexpired.</summary>
    Task<Redemption> RedeemAsync(string nonceHash, string did, DateTimeOffset now);
}

/// <summary>Claim tokens (stored as SHA-256).</summary>
internal interface IClaimTokenStore
{
    Task CreateAsync(string tokenHash, string handle, DateTimeOffset expiresAt);

    /// <summary>Atomically redeems the token; returns the handle when redeemed.</summary>
    Task<(Redemption Result, string? Handle)> RedeemAsync(string tokenHash, DateTimeOffset now);

    /// <summary>Reads a token without redeeming it (<see cref="Redemption.Redeemed"/> = still usable), for the Passes claim.</summary>
    Task<(Redemption State, string? Handle, DateTimeOffset ExpiresAt)> PeekAsync(string tokenHash, DateTimeOffset now);
}

/// <summary>Owner-action links (stored as SHA-256).</summary>
internal interface IOwnerLinkStore
{
    Task CreateAsync(OwnerLink link);

    /// <summary>Reads a link without redeeming it (for the approval page).</summary>
    Task<(Redemption State, OwnerLink? Link)> PeekAsync(string hash, DateTimeOffset now);

    /// <summary>Atomically redeems the link.</summary>
    Task<(Redemption Result, OwnerLink? Link)> RedeemAsync(string hash, DateTimeOffset now);

    /// <summary>True when an unused, unexpired rotation to <paramref name="newDid"/> is pending.</summary>
    Task<bool> HasPendingRotationAsync(string newDid, DateTimeOffset now);
}

/// <summary>Delegation grants.</summary>
internal interface IDelegationStore
{
    Task CreateAsync(DelegationGrant grant);

    Task<DelegationGrant?> FindAsync(string id);

    /// <summary>Grants where <paramref name="handle"/> is principal or actor, newest first.</summary>
    Task<IReadOnlyList<DelegationGrant>> ListForAsync(string handle);

    /// <summary>The newest active grant from <paramref name="principal"/> to <paramref name="actor"/>.</summary>
    Task<DelegationGrant?> FindActiveAsync(string principal, string actor);

    /// <summary>Marks the grant REVOKED and appends <c>grant_revoked</c>; null when it was not active.</summary>
    Task<RevocationEvent?> RevokeAsync(string id, string principalDid, DateTimeOffset at);
}

/// <summary>The durable revocation feed.</summary>
internal interface IRevocationEventStore
{
    /// <summary>Events with id greater than <paramref name="since"/>, by id.</summary>
    Task<IReadOnlyList<RevocationEvent>> ListAsync(long since, int limit);

    /// <summary>Events not yet published to Redis, by id.</summary>
    Task<IReadOnlyList<RevocationEvent>> ListUnpublishedAsync(int limit);

    Task MarkPublishedAsync(long id);
}
