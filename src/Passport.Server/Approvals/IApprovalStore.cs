namespace Passport.Server.Approvals;

/// <summary>A Pass Request the IdP sent for an owner link, answerable once until <see cref="ExpiresAt"/>.</summary>
/// <param name="Nonce">The request's nonce (also the key).</param>
/// <param name="LinkHash">SHA-256 of the owner-link token the request belongs to.</param>
/// <param name="Request">The exact request envelope bytes sent (their hash is checked in the approval).</param>
/// <param name="ExpiresAt">Until when it can be answered.</param>
internal sealed record PendingApproval(string Nonce, string LinkHash, byte[] Request, DateTimeOffset ExpiresAt);

/// <summary>The owner's Passes key, bound on the owner's first accepted approval (trust on first use).</summary>
/// <param name="OwnerId">SHA-256 of the lower-cased owner email (the confirmed owner identity; no extra copy of the address).</param>
/// <param name="Thumbprint">RFC 7638 thumbprint of the key.</param>
/// <param name="Jwk">The public JWK JSON.</param>
/// <param name="BoundAt">When it was bound.</param>
internal sealed record BoundOwnerKey(string OwnerId, string Thumbprint, string Jwk, DateTimeOffset BoundAt);

/// <summary>Pending Passes approval requests and bound owner keys.</summary>
internal interface IApprovalStore
{
    Task CreateRequestAsync(PendingApproval request);

    /// <summary>The request with this nonce if it is still open (unanswered, unexpired).</summary>
    Task<PendingApproval?> FindOpenRequestAsync(string nonce, DateTimeOffset now);

    /// <summary>Marks the request answered; true for exactly one caller, and only while open and for <paramref name="linkHash"/>.</summary>
    Task<bool> TryConsumeRequestAsync(string nonce, string linkHash, DateTimeOffset now);

    Task<BoundOwnerKey?> FindOwnerKeyAsync(string ownerId);

    /// <summary>Binds the key when the owner has none; false when a key is already bound (possibly by a concurrent approval).</summary>
    Task<bool> TryBindOwnerKeyAsync(BoundOwnerKey key);
}
