using System.Data.Common;
using Dapper;
using Passport.Server.Storage;

namespace Passport.Server.Approvals;

/// <summary>
/// <see cref="IApprovalStore"/> over the IdP's database (SQLite or PostgreSQL, same SQL). Its two tables are created
/// by the ordered migrations (<see cref="Migrations"/>, version 2) like every other table; single use is one
/// conditional UPDATE whose affected row decides.
/// </summary>
internal sealed class SqlApprovalStore(SqlDatabase database, TimeProvider time) : IApprovalStore
{
    public async Task CreateRequestAsync(PendingApproval request)
    {
        await using var connection = await OpenAsync();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await connection.ExecuteAsync(
            "DELETE FROM passes_approval_requests WHERE expires_at < @cutoff",
            new { cutoff = now - (long)TimeSpan.FromDays(1).TotalMilliseconds });
        await connection.ExecuteAsync(
            "INSERT INTO passes_approval_requests (nonce, link_hash, request, expires_at) VALUES (@Nonce, @LinkHash, @request, @expiresAt)",
            new { request.Nonce, request.LinkHash, request = Convert.ToBase64String(request.Request), expiresAt = request.ExpiresAt.ToUnixTimeMilliseconds() });
    }

    public async Task<PendingApproval?> FindOpenRequestAsync(string nonce, DateTimeOffset now)
    {
        await using var connection = await OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<RequestRow>(
            "SELECT nonce AS Nonce, link_hash AS LinkHash, request AS Request, expires_at AS ExpiresAt FROM passes_approval_requests " +
            "WHERE nonce = @nonce AND answered_at IS NULL AND expires_at > @now",
            new { nonce, now = now.ToUnixTimeMilliseconds() });
        return row is null
            ? null
            : new PendingApproval(row.Nonce, row.LinkHash, Convert.FromBase64String(row.Request), DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAt));
    }

    public async Task<bool> TryConsumeRequestAsync(string nonce, string linkHash, DateTimeOffset now)
    {
        await using var connection = await OpenAsync();
        var ms = now.ToUnixTimeMilliseconds();
        return await connection.ExecuteAsync(
            "UPDATE passes_approval_requests SET answered_at = @now WHERE nonce = @nonce AND link_hash = @linkHash AND answered_at IS NULL AND expires_at > @now",
            new { nonce, linkHash, now = ms }) == 1;
    }

    public async Task<BoundOwnerKey?> FindOwnerKeyAsync(string ownerId)
    {
        await using var connection = await OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(
            "SELECT owner_id AS OwnerId, thumbprint AS Thumbprint, jwk AS Jwk, bound_at AS BoundAt FROM passes_owner_keys WHERE owner_id = @ownerId",
            new { ownerId });
        return row is null ? null : new BoundOwnerKey(row.OwnerId, row.Thumbprint, row.Jwk, DateTimeOffset.FromUnixTimeMilliseconds(row.BoundAt));
    }

    public async Task<bool> TryBindOwnerKeyAsync(BoundOwnerKey key)
    {
        await using var connection = await OpenAsync();
        return await connection.ExecuteAsync(
            "INSERT INTO passes_owner_keys (owner_id, thumbprint, jwk, bound_at) VALUES (@OwnerId, @Thumbprint, @Jwk, @boundAt) ON CONFLICT (owner_id) DO NOTHING",
            new { key.OwnerId, key.Thumbprint, key.Jwk, boundAt = key.BoundAt.ToUnixTimeMilliseconds() }) == 1;
    }

    // Its tables come from Storage/Migrations (version 2), applied before the first connection is handed out.
    private Task<DbConnection> OpenAsync() => database.OpenAsync();

    private sealed class RequestRow
    {
        public string Nonce { get; set; } = "";
        public string LinkHash { get; set; } = "";
        public string Request { get; set; } = "";
        public long ExpiresAt { get; set; }
    }

    private sealed class KeyRow
    {
        public string OwnerId { get; set; } = "";
        public string Thumbprint { get; set; } = "";
        public string Jwk { get; set; } = "";
        public long BoundAt { get; set; }
    }
}
