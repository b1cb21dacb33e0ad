using Dapper;
using Passport.Core.Tokens;

namespace Passport.Server.Storage;

internal sealed partial class SqlPassportStore
{
    private const string RecordColumns = "id, handle, did, status, name, owner_email, created_at";

    public async Task<bool> TryCreateAsync(string handle, string did, string? name, string? ownerEmail, DateTimeOffset createdAt)
    {
        await using var connection = await database.OpenAsync();
        try
        {
            await connection.ExecuteAsync(
                "INSERT INTO records (handle, did, status, name, owner_email, created_at) VALUES (@handle, @did, @status, @name, @ownerEmail, @createdAt)",
                new { handle, did, status = PassportStatus.Unclaimed, name, ownerEmail, createdAt = Ms(createdAt) });
            return true;
        }
        catch (Exception e) when (database.Dialect.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task<PassportRecord?> FindByHandleAsync(string handle)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<RecordRow>($"SELECT {RecordColumns} FROM records WHERE handle = @handle", new { handle });
        return row?.ToRecord();
    }

    public async Task<PassportRecord?> FindByDidAsync(string did)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<RecordRow>($"SELECT {RecordColumns} FROM records WHERE did = @did", new { did });
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<PassportRecord>> ListAsync(long afterId, int limit)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<RecordRow>($"SELECT {RecordColumns} FROM records WHERE id > @afterId ORDER BY id LIMIT @limit", new { afterId, limit });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<bool> MarkClaimedAsync(string handle, DateTimeOffset at)
    {
        await using var connection = await database.OpenAsync();
        // COALESCE: claiming an already CLAIMED record again (a second valid claim token) keeps the first claim time.
        var rows = await connection.ExecuteAsync(
            "UPDATE records SET status = @claimed, claimed_at = COALESCE(claimed_at, @at) WHERE handle = @handle AND status IN (@unclaimed, @claimed)",
            new { handle, claimed = PassportStatus.Claimed, unclaimed = PassportStatus.Unclaimed, at = at.ToUnixTimeMilliseconds() });
        return rows == 1;
    }

    public async Task<RevocationEvent?> RevokeAsync(string handle, DateTimeOffset at)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var did = await connection.QuerySingleOrDefaultAsync<string>(
            "UPDATE records SET status = @revoked WHERE handle = @handle AND status <> @revoked RETURNING did",
            new { handle, revoked = PassportStatus.Revoked }, transaction);
        if (did is null) return null;
        await connection.ExecuteAsync(
            "UPDATE delegations SET status = @revoked, revoked_at = @at WHERE (principal = @handle OR actor = @handle) AND status = @active",
            new { handle, revoked = DelegationGrant.Revoked, active = DelegationGrant.Active, at = Ms(at) }, transaction);
        var id = await AppendEventAsync(connection, transaction, RevocationEvent.RecordRevoked, handle, did, null, null, Ms(at));
        await transaction.CommitAsync();
        return new RevocationEvent(id, RevocationEvent.RecordRevoked, handle, did, null, null, At(Ms(at)));
    }

    public async Task<RevocationEvent?> RotateAsync(string handle, string oldDid, string newDid, DateTimeOffset at)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        int rows;
        try
        {
            rows = await connection.ExecuteAsync(
                "UPDATE records SET did = @newDid WHERE handle = @handle AND did = @oldDid AND status <> @revoked",
                new { handle, oldDid, newDid, revoked = PassportStatus.Revoked }, transaction);
        }
        catch (Exception e) when (database.Dialect.IsUniqueViolation(e))
        {
            throw new StorageConflictException("The new DID is already registered.", e);
        }
        if (rows != 1) return null;
        var id = await AppendEventAsync(connection, transaction, RevocationEvent.DidRotated, handle, oldDid, newDid, null, Ms(at));
        await transaction.CommitAsync();
        return new RevocationEvent(id, RevocationEvent.DidRotated, handle, oldDid, newDid, null, At(Ms(at)));
    }

    private sealed class RecordRow
    {
        public long Id { get; set; }
        public string Handle { get; set; } = "";
        public string Did { get; set; } = "";
        public string Status { get; set; } = "";
        public string? Name { get; set; }
        public string? OwnerEmail { get; set; }
        public long CreatedAt { get; set; }

        public PassportRecord ToRecord() => new(Id, Handle, Did, Status, Name, OwnerEmail, At(CreatedAt));
    }
}
