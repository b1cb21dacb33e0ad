using Dapper;

namespace Passport.Server.Storage;

internal sealed partial class SqlPassportStore
{
    private const string LinkColumns = "hash, handle, action, new_did, actor, scope, expires_at, used_at, grant_id";

    public async Task CreateAsync(OwnerLink link)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO owner_links (hash, handle, action, new_did, actor, scope, expires_at, grant_id) VALUES (@Hash, @Handle, @Action, @NewDid, @Actor, @scope, @expiresAt, @GrantId)",
            new { link.Hash, link.Handle, link.Action, link.NewDid, link.Actor, scope = JoinScope(link.Scope), expiresAt = Ms(link.ExpiresAt), link.GrantId });
    }

    public async Task<(Redemption State, OwnerLink? Link)> PeekAsync(string hash, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<LinkRow>($"SELECT {LinkColumns} FROM owner_links WHERE hash = @hash", new { hash });
        if (row is null) return (Redemption.Unknown, null);
        if (row.UsedAt is not null) return (Redemption.Used, row.ToLink());
        return row.ExpiresAt <= Ms(now) ? (Redemption.Expired, row.ToLink()) : (Redemption.Redeemed, row.ToLink());
    }

    async Task<(Redemption Result, OwnerLink? Link)> IOwnerLinkStore.RedeemAsync(string hash, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        var nowMs = Ms(now);
        var row = await connection.QuerySingleOrDefaultAsync<LinkRow>(
            $"UPDATE owner_links SET used_at = @now WHERE hash = @hash AND used_at IS NULL AND expires_at > @now RETURNING {LinkColumns}",
            new { hash, now = nowMs });
        return row is not null
            ? (Redemption.Redeemed, row.ToLink())
            : (await ClassifyFailedRedemptionAsync(connection, "owner_links", hash, nowMs), null);
    }

    public async Task<bool> HasPendingRotationAsync(string newDid, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        var count = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM owner_links WHERE new_did = @newDid AND action = 'rotate' AND used_at IS NULL AND expires_at > @now",
            new { newDid, now = Ms(now) });
        return count > 0;
    }

    private sealed class LinkRow
    {
        public string Hash { get; set; } = "";
        public string Handle { get; set; } = "";
        public string Action { get; set; } = "";
        public string? NewDid { get; set; }
        public string? Actor { get; set; }
        public string? Scope { get; set; }
        public long ExpiresAt { get; set; }
        public long? UsedAt { get; set; }
        public string? GrantId { get; set; }

        public OwnerLink ToLink() => new(Hash, Handle, Action, NewDid, Actor, Scope is null ? null : SplitScope(Scope), At(ExpiresAt), GrantId);
    }
}
