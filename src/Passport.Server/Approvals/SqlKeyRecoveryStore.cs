using Dapper;
using Passport.Server.Storage;

namespace Passport.Server.Approvals;

/// <summary>
/// <see cref="IKeyRecoveryStore"/> over the IdP's database (SQLite or PostgreSQL, same SQL); its table comes from
/// migration 5 (<see cref="Migrations"/>).
/// </summary>
internal sealed class SqlKeyRecoveryStore(SqlDatabase database) : IKeyRecoveryStore
{
    private const string Columns =
        "id AS Id, owner_id AS OwnerId, handle AS Handle, thumbprint AS Thumbprint, jwk AS Jwk, status AS Status, " +
        "started_at AS StartedAt, not_before AS NotBefore, ended_at AS EndedAt";

    public async Task<bool> TryStartAsync(KeyRecovery recovery)
    {
        await using var connection = await database.OpenAsync();
        try
        {
            return await connection.ExecuteAsync(
                "INSERT INTO passes_owner_key_recoveries (id, owner_id, handle, thumbprint, jwk, status, started_at, not_before) " +
                "VALUES (@Id, @OwnerId, @Handle, @Thumbprint, @Jwk, @pending, @startedAt, @notBefore)",
                new
                {
                    recovery.Id, recovery.OwnerId, recovery.Handle, recovery.Thumbprint, recovery.Jwk, pending = KeyRecovery.Pending,
                    startedAt = recovery.StartedAt.ToUnixTimeMilliseconds(), notBefore = recovery.NotBefore.ToUnixTimeMilliseconds(),
                }) == 1;
        }
        catch (Exception e) when (database.Dialect.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task<KeyRecovery?> FindPendingAsync(string ownerId)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM passes_owner_key_recoveries WHERE owner_id = @ownerId AND status = @pending",
            new { ownerId, pending = KeyRecovery.Pending });
        return row?.ToRecovery();
    }

    public async Task<bool> TryVetoAsync(string id, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        var ms = now.ToUnixTimeMilliseconds();
        return await connection.ExecuteAsync(
            "UPDATE passes_owner_key_recoveries SET status = @vetoed, ended_at = @now WHERE id = @id AND status = @pending AND not_before > @now",
            new { id, now = ms, vetoed = KeyRecovery.Vetoed, pending = KeyRecovery.Pending }) == 1;
    }

    public async Task<bool> CompleteDueAsync(string ownerId, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var ms = now.ToUnixTimeMilliseconds();
        // The conditional UPDATE picks the winner: a concurrent veto (not_before > now) or completion changes no row here.
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            "UPDATE passes_owner_key_recoveries SET status = @completed, ended_at = @now " +
            $"WHERE owner_id = @ownerId AND status = @pending AND not_before <= @now RETURNING {Columns}",
            new { ownerId, now = ms, completed = KeyRecovery.Completed, pending = KeyRecovery.Pending }, transaction);
        if (row is null) return false;
        await connection.ExecuteAsync(
            "INSERT INTO passes_owner_keys (owner_id, thumbprint, jwk, bound_at) VALUES (@OwnerId, @Thumbprint, @Jwk, @now) " +
            "ON CONFLICT (owner_id) DO UPDATE SET thumbprint = excluded.thumbprint, jwk = excluded.jwk, bound_at = excluded.bound_at",
            new { row.OwnerId, row.Thumbprint, row.Jwk, now = ms }, transaction);
        await transaction.CommitAsync();
        return true;
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string OwnerId { get; set; } = "";
        public string Handle { get; set; } = "";
        public string Thumbprint { get; set; } = "";
        public string Jwk { get; set; } = "";
        public string Status { get; set; } = "";
        public long StartedAt { get; set; }
        public long NotBefore { get; set; }
        public long? EndedAt { get; set; }

        public KeyRecovery ToRecovery() => new(Id, OwnerId, Handle, Thumbprint, Jwk, Status, DateTimeOffset.FromUnixTimeMilliseconds(StartedAt),
            DateTimeOffset.FromUnixTimeMilliseconds(NotBefore), EndedAt is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null);
    }
}
