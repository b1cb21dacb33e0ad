using System.Data.Common;
using Dapper;

namespace Passport.Server.Storage;

/// <summary>
/// The one storage implementation: ADO.NET + Dapper over SQLite or PostgreSQL (<see cref="SqlDialect"/> isolates the
/// differences). Single-use secrets are redeemed with one conditional UPDATE whose affected row decides the winner.
/// </summary>
internal sealed partial class SqlPassportStore(SqlDatabase database)
    : IRecordStore, IChallengeStore, IClaimTokenStore, IOwnerLinkStore, IDelegationStore, IRevocationEventStore
{
    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static string? JoinScope(IReadOnlyList<string>? scope) => scope is null ? null : string.Join(' ', scope);

    private static IReadOnlyList<string> SplitScope(string? scope) =>
        string.IsNullOrEmpty(scope) ? [] : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Marks the row with <paramref name="hash"/> used when unused and unexpired; on failure reads it once more to say why.
    /// <paramref name="table"/> is one of this class's constant table names.
    /// </summary>
    private static async Task<Redemption> ClassifyFailedRedemptionAsync(DbConnection connection, string table, string hash, long now, string? did = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SecretRow>(
            $"SELECT expires_at, used_at FROM {table} WHERE hash = @hash" + (did is null ? "" : " AND did = @did"),
            new { hash, did });
        if (row is null) return Redemption.Unknown;
        if (row.UsedAt is not null) return Redemption.Used;
        return row.ExpiresAt <= now ? Redemption.Expired : Redemption.Used;
    }

    private static async Task<long> AppendEventAsync(DbConnection connection, DbTransaction transaction, string type, string handle, string did, string? newDid, string? grantId, long at) =>
        await connection.ExecuteScalarAsync<long>(
            "INSERT INTO revocation_events (type, handle, did, new_did, grant_id, at, published) VALUES (@type, @handle, @did, @newDid, @grantId, @at, 0) RETURNING id",
            new { type, handle, did, newDid, grantId, at }, transaction);

    private sealed class SecretRow
    {
        public long ExpiresAt { get; set; }
        public long? UsedAt { get; set; }
    }
}

/// <summary>A uniqueness constraint refused a write (e.g. the DID is already registered).</summary>
internal sealed class StorageConflictException(string message, Exception inner) : Exception(message, inner);
