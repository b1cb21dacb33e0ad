namespace Passport.Server.Approvals;

/// <summary>
/// An owner-key recovery (docs/owner.md "Recovering a lost owner key"): the owner approved, through the emailed link
/// and with a NEW Passes key, that this key replaces their bound key once <see cref="NotBefore"/> has passed, unless the
/// bound key vetoes it first.
/// </summary>
/// <param name="Id">Random id (<c>rc_</c> + 32 hex digits); names the recovery in the veto request's bookkeeping.</param>
/// <param name="OwnerId">The owner, as in <see cref="BoundOwnerKey.OwnerId"/> (SHA-256 of the lower-cased owner email).</param>
/// <param name="Handle">The agent whose owner link started it (shown on the console and in the veto request).</param>
/// <param name="Thumbprint">RFC 7638 thumbprint of the new key.</param>
/// <param name="Jwk">The new key's public JWK JSON.</param>
/// <param name="Status"><see cref="Pending"/>, <see cref="Vetoed"/> or <see cref="Completed"/>.</param>
/// <param name="StartedAt">When the new key's approval was accepted.</param>
/// <param name="NotBefore">Started + <c>Passport:Passes:RecoveryWaitHours</c>: from then on the new key is bound (lazily, at the next lookup).</param>
/// <param name="EndedAt">When it was vetoed or completed.</param>
internal sealed record KeyRecovery(string Id, string OwnerId, string Handle, string Thumbprint, string Jwk, string Status,
    DateTimeOffset StartedAt, DateTimeOffset NotBefore, DateTimeOffset? EndedAt = null)
{
    public const string Pending = "pending";
    public const string Vetoed = "vetoed";
    public const string Completed = "completed";
}

/// <summary>Owner-key recoveries: at most one pending per owner; veto and completion are conditional updates, so exactly one wins.</summary>
internal interface IKeyRecoveryStore
{
    /// <summary>Stores a pending recovery; false when the owner already has one pending (the unique index decides).</summary>
    Task<bool> TryStartAsync(KeyRecovery recovery);

    /// <summary>The owner's pending recovery, if any (due or not).</summary>
    Task<KeyRecovery?> FindPendingAsync(string ownerId);

    /// <summary>Sets the pending recovery <paramref name="id"/> vetoed; false when it is no longer pending or its wait is over.</summary>
    Task<bool> TryVetoAsync(string id, DateTimeOffset now);

    /// <summary>
    /// Lazy completion: when the owner's pending recovery is due (<c>not_before &lt;= now</c>), marks it completed and
    /// replaces the owner's row in <c>passes_owner_keys</c> with the new key, in one transaction. True when it did.
    /// </summary>
    Task<bool> CompleteDueAsync(string ownerId, DateTimeOffset now);
}
