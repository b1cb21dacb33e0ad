using Dapper;

namespace Passport.Server.Storage;

internal sealed partial class SqlPassportStore
{
    public async Task CreateAsync(string nonceHash, string did, DateTimeOffset expiresAt)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO challenges (hash, did, expires_at) VALUES (@nonceHash, @did, @expiresAt)",
            new { nonceHash, did, expiresAt = Ms(expiresAt) });
    }

    public async Task<Redemption> RedeemAsync(string nonceHash, string did, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        var nowMs = Ms(now);
        var rows = await connection.ExecuteAsync(
            "UPDATE challenges SET used_at = @now WHERE hash = @nonceHash AND did = @did AND used_at IS NULL AND expires_at > @now",
            new { nonceHash, did, now = nowMs });
        return rows == 1 ? Redemption.Redeemed : await ClassifyFailedRedemptionAsync(connection, "challenges", nonceHash, nowMs, did);
    }

    async Task IClaimTokenStore.CreateAsync(string tokenHash, string handle, DateTimeOffset expiresAt)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO claim_tokens (hash, handle, expires_at) VALUES (@tokenHash, @handle, @expiresAt)",
            new { tokenHash, handle, expiresAt = Ms(expiresAt) });
    }

    async Task<(Redemption State, string? Handle, DateTimeOffset ExpiresAt)> IClaimTokenStore.PeekAsync(string tokenHash, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<ClaimRow>(
            "SELECT handle, expires_at, used_at FROM claim_tokens WHERE hash = @tokenHash", new { tokenHash });
        if (row is null) return (Redemption.Unknown, null, default);
        var state = row.UsedAt is not null ? Redemption.Used : row.ExpiresAt <= Ms(now) ? Redemption.Expired : Redemption.Redeemed;
        return (state, row.Handle, At(row.ExpiresAt));
    }

    async Task<(Redemption Result, string? Handle)> IClaimTokenStore.RedeemAsync(string tokenHash, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        var nowMs = Ms(now);
        var handle = await connection.QuerySingleOrDefaultAsync<string>(
            "UPDATE claim_tokens SET used_at = @now WHERE hash = @tokenHash AND used_at IS NULL AND expires_at > @now RETURNING handle",
            new { tokenHash, now = nowMs });
        return handle is not null
            ? (Redemption.Redeemed, handle)
            : (await ClassifyFailedRedemptionAsync(connection, "claim_tokens", tokenHash, nowMs), null);
    }

    private sealed class ClaimRow
    {
        public string Handle { get; set; } = "";
        public long ExpiresAt { get; set; }
        public long? UsedAt { get; set; }
    }
}
