using Dapper;
using Passport.Server.Storage;

namespace Passport.Server.OwnerConsole;

/// <summary>A signed-in owner: the session row of the cookie (hash of the cookie value) and its CSRF synchronizer token.</summary>
internal sealed record OwnerSession(string Hash, string Email, string Csrf, DateTimeOffset CreatedAt);

/// <summary>What the console shows for one owner: their records, grants given/received, recent events, pending approvals.</summary>
internal sealed record OwnerOverview(
    IReadOnlyList<PassportRecord> Agents,
    IReadOnlyList<DelegationGrant> Grants,
    IReadOnlyList<RevocationEvent> Events,
    IReadOnlyList<OwnerLink> Pending,
    IReadOnlyDictionary<string, DateTimeOffset> ClaimedAt);

/// <summary>
/// Storage of the owner console (tables of migration 2): sign-in links and sessions keyed by the SHA-256 of their secret,
/// and the read queries of the console. Owner e-mail addresses are matched case-insensitively.
/// </summary>
internal sealed class OwnerConsoleStore(SqlDatabase database, IDelegationStore delegations)
{
    /// <summary>How many revocation/rotation events the console lists.</summary>
    public const int RecentEvents = 50;

    public async Task CreateSignInLinkAsync(string hash, string email, DateTimeOffset expiresAt)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO owner_signin_links (hash, email, expires_at) VALUES (@hash, @email, @expiresAt)",
            new { hash, email, expiresAt = expiresAt.ToUnixTimeMilliseconds() });
    }

    /// <summary>Reads a sign-in link without using it (the page behind the mailed link, so mail scanners cannot burn it).</summary>
    public async Task<Redemption> PeekSignInLinkAsync(string hash, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<LinkRow>("SELECT email, expires_at, used_at FROM owner_signin_links WHERE hash = @hash", new { hash });
        return Classify(row, now.ToUnixTimeMilliseconds(), peek: true);
    }

    /// <summary>Atomically uses the link; the e-mail it was sent to when redeemed.</summary>
    public async Task<(Redemption Result, string? Email)> RedeemSignInLinkAsync(string hash, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        var nowMs = now.ToUnixTimeMilliseconds();
        var email = await connection.QuerySingleOrDefaultAsync<string>(
            "UPDATE owner_signin_links SET used_at = @now WHERE hash = @hash AND used_at IS NULL AND expires_at > @now RETURNING email",
            new { hash, now = nowMs });
        if (email is not null) return (Redemption.Redeemed, email);
        var row = await connection.QuerySingleOrDefaultAsync<LinkRow>("SELECT email, expires_at, used_at FROM owner_signin_links WHERE hash = @hash", new { hash });
        return (Classify(row, nowMs, peek: false), null);
    }

    public async Task CreateSessionAsync(string hash, string email, string csrf, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        var at = now.ToUnixTimeMilliseconds();
        await connection.ExecuteAsync(
            "INSERT INTO owner_sessions (hash, email, csrf, created_at, last_seen_at) VALUES (@hash, @email, @csrf, @at, @at)",
            new { hash, email, csrf, at });
    }

    /// <summary>
    /// The live session with <paramref name="hash"/> (not revoked, seen within <paramref name="idle"/>, younger than
    /// <paramref name="absolute"/>), its last-seen time moved to now (sliding expiry); null otherwise.
    /// </summary>
    public async Task<OwnerSession?> TouchSessionAsync(string hash, DateTimeOffset now, TimeSpan idle, TimeSpan absolute)
    {
        await using var connection = await database.OpenAsync();
        var nowMs = now.ToUnixTimeMilliseconds();
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(
            """
            UPDATE owner_sessions SET last_seen_at = @now
            WHERE hash = @hash AND revoked_at IS NULL AND last_seen_at > @idleSince AND created_at > @createdSince
            RETURNING hash, email, csrf, created_at
            """,
            new { hash, now = nowMs, idleSince = nowMs - (long)idle.TotalMilliseconds, createdSince = nowMs - (long)absolute.TotalMilliseconds });
        return row is null ? null : new OwnerSession(row.Hash, row.Email, row.Csrf, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt));
    }

    public async Task RevokeSessionAsync(string hash, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("UPDATE owner_sessions SET revoked_at = @now WHERE hash = @hash AND revoked_at IS NULL",
            new { hash, now = now.ToUnixTimeMilliseconds() });
    }

    /// <summary>The stored address matching <paramref name="email"/> when it owns at least one CLAIMED record; null otherwise.</summary>
    public async Task<string?> FindOwnerAddressAsync(string email)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QueryFirstOrDefaultAsync<string>(
            "SELECT owner_email FROM records WHERE LOWER(owner_email) = LOWER(@email) AND status = 'CLAIMED' ORDER BY id LIMIT 1", new { email });
    }

    /// <summary>True when the record names <paramref name="email"/> as its owner (the ownership check of every console route).</summary>
    public static bool Owns(PassportRecord? record, string email) =>
        record?.OwnerEmail is { } owner && string.Equals(owner, email, StringComparison.OrdinalIgnoreCase);

    public async Task<OwnerOverview> OverviewAsync(string email, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync();
        var agents = (await connection.QueryAsync<RecordRow>(
            "SELECT id, handle, did, status, name, owner_email, created_at FROM records WHERE LOWER(owner_email) = LOWER(@email) ORDER BY id LIMIT 500",
            new { email })).Select(r => r.ToRecord()).ToList();
        if (agents.Count == 0) return new OwnerOverview([], [], [], [], new Dictionary<string, DateTimeOffset>());
        var handles = agents.Select(a => a.Handle).ToList();
        var claimedAt = (await connection.QueryAsync<(string Handle, long ClaimedAt)>(
            "SELECT handle, claimed_at FROM records WHERE handle IN @handles AND claimed_at IS NOT NULL", new { handles }))
            .ToDictionary(r => r.Handle, r => At(r.ClaimedAt), StringComparer.Ordinal);
        var events = (await connection.QueryAsync<EventRow>(
            $"SELECT id, type, handle, did, new_did, grant_id, at FROM revocation_events WHERE handle IN @handles ORDER BY id DESC LIMIT {RecentEvents}",
            new { handles })).Select(e => e.ToEvent()).ToList();
        var pending = (await connection.QueryAsync<PendingRow>(
            "SELECT handle, action, new_did, actor, scope, expires_at, grant_id FROM owner_links WHERE handle IN @handles AND used_at IS NULL AND expires_at > @now ORDER BY expires_at",
            new { handles, now = now.ToUnixTimeMilliseconds() })).Select(p => p.ToLink()).ToList();
        var grants = new Dictionary<string, DelegationGrant>();
        foreach (var handle in handles)
        {
            foreach (var grant in await delegations.ListForAsync(handle)) grants.TryAdd(grant.Id, grant);
        }
        return new OwnerOverview(agents, grants.Values.OrderByDescending(g => g.CreatedAt).ToList(), events, pending, claimedAt);
    }

    private static Redemption Classify(LinkRow? row, long now, bool peek)
    {
        if (row is null) return Redemption.Unknown;
        if (row.UsedAt is not null) return Redemption.Used;
        if (row.ExpiresAt <= now) return Redemption.Expired;
        return peek ? Redemption.Redeemed : Redemption.Used;
    }

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private sealed class LinkRow
    {
        public string Email { get; set; } = "";
        public long ExpiresAt { get; set; }
        public long? UsedAt { get; set; }
    }

    private sealed class SessionRow
    {
        public string Hash { get; set; } = "";
        public string Email { get; set; } = "";
        public string Csrf { get; set; } = "";
        public long CreatedAt { get; set; }
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

    private sealed class EventRow
    {
        public long Id { get; set; }
        public string Type { get; set; } = "";
        public string Handle { get; set; } = "";
        public string Did { get; set; } = "";
        public string? NewDid { get; set; }
        public string? GrantId { get; set; }
        public long At { get; set; }

        public RevocationEvent ToEvent() => new(Id, Type, Handle, Did, NewDid, GrantId, OwnerConsoleStore.At(At));
    }

    private sealed class PendingRow
    {
        public string Handle { get; set; } = "";
        public string Action { get; set; } = "";
        public string? NewDid { get; set; }
        public string? Actor { get; set; }
        public string? Scope { get; set; }
        public long ExpiresAt { get; set; }
        public string? GrantId { get; set; }

        // The hash is not read: the console never needs it, and it must not reach a page.
        public OwnerLink ToLink() => new("", Handle, Action, NewDid, Actor,
            string.IsNullOrEmpty(Scope) ? null : Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries), At(ExpiresAt), GrantId);
    }
}
