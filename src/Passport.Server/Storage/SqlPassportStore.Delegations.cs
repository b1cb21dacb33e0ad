using Dapper;

namespace Passport.Server.Storage;

internal sealed partial class SqlPassportStore
{
    private const string GrantColumns = "id, principal, actor, scope, status, created_at, revoked_at";

    public async Task CreateAsync(DelegationGrant grant)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO delegations (id, principal, actor, scope, status, created_at) VALUES (@Id, @Principal, @Actor, @scope, @Status, @createdAt)",
            new { grant.Id, grant.Principal, grant.Actor, scope = JoinScope(grant.Scope), grant.Status, createdAt = Ms(grant.CreatedAt) });
    }

    public async Task<DelegationGrant?> FindAsync(string id)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<GrantRow>($"SELECT {GrantColumns} FROM delegations WHERE id = @id", new { id });
        return row?.ToGrant();
    }

    public async Task<IReadOnlyList<DelegationGrant>> ListForAsync(string handle)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<GrantRow>(
            $"SELECT {GrantColumns} FROM delegations WHERE principal = @handle OR actor = @handle ORDER BY created_at DESC, id LIMIT 500", new { handle });
        return rows.Select(r => r.ToGrant()).ToList();
    }

    public async Task<DelegationGrant?> FindActiveAsync(string principal, string actor)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QueryFirstOrDefaultAsync<GrantRow>(
            $"SELECT {GrantColumns} FROM delegations WHERE principal = @principal AND actor = @actor AND status = @active ORDER BY created_at DESC, id LIMIT 1",
            new { principal, actor, active = DelegationGrant.Active });
        return row?.ToGrant();
    }

    public async Task<RevocationEvent?> RevokeAsync(string id, string principalDid, DateTimeOffset at)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var principal = await connection.QuerySingleOrDefaultAsync<string>(
            "UPDATE delegations SET status = @revoked, revoked_at = @at WHERE id = @id AND status = @active RETURNING principal",
            new { id, at = Ms(at), revoked = DelegationGrant.Revoked, active = DelegationGrant.Active }, transaction);
        if (principal is null) return null;
        var eventId = await AppendEventAsync(connection, transaction, RevocationEvent.GrantRevoked, principal, principalDid, null, id, Ms(at));
        await transaction.CommitAsync();
        return new RevocationEvent(eventId, RevocationEvent.GrantRevoked, principal, principalDid, null, id, At(Ms(at)));
    }

    private sealed class GrantRow
    {
        public string Id { get; set; } = "";
        public string Principal { get; set; } = "";
        public string Actor { get; set; } = "";
        public string Scope { get; set; } = "";
        public string Status { get; set; } = "";
        public long CreatedAt { get; set; }
        public long? RevokedAt { get; set; }

        public DelegationGrant ToGrant() => new(Id, Principal, Actor, SplitScope(Scope), Status, At(CreatedAt), RevokedAt is { } r ? At(r) : null);
    }
}
