using Dapper;

namespace Passport.Server.Storage;

internal sealed partial class SqlPassportStore
{
    private const string EventColumns = "id, type, handle, did, new_did, grant_id, at";

    async Task<IReadOnlyList<RevocationEvent>> IRevocationEventStore.ListAsync(long since, int limit)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<EventRow>($"SELECT {EventColumns} FROM revocation_events WHERE id > @since ORDER BY id LIMIT @limit", new { since, limit });
        return rows.Select(r => r.ToEvent()).ToList();
    }

    public async Task<IReadOnlyList<RevocationEvent>> ListUnpublishedAsync(int limit)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<EventRow>($"SELECT {EventColumns} FROM revocation_events WHERE published = 0 ORDER BY id LIMIT @limit", new { limit });
        return rows.Select(r => r.ToEvent()).ToList();
    }

    public async Task MarkPublishedAsync(long id)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("UPDATE revocation_events SET published = 1 WHERE id = @id", new { id });
    }

    private sealed class EventRow
    {
        public long Id { get; set; }
        public string Type { get; set; } = "";
        public string Handle { get; set; } = "";
        public string Did { get; set; } = "";
        public string? NewDid { get; set; }
        public string? GrantId { get; set; }
        public long At { get; set; }

        public RevocationEvent ToEvent() => new(Id, Type, Handle, Did, NewDid, GrantId, SqlPassportStore.At(At));
    }
}
