using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Passport.Core.Identity;
using Passport.Core.Keys;
using Passport.Server.Approvals;
using Passport.Server.Configuration;
using Passport.Server.Storage;
using Xunit;

namespace Passport.Server.Tests.Storage;

/// <summary>The storage suite; <see cref="SqliteStorageTests"/> and <see cref="PostgresStorageTests"/> run it against real databases.</summary>
public abstract class StorageContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private SqlPassportStore? _store;
    private SqlDatabase? _database;

    private SqlPassportStore Store => _store ?? throw new InvalidOperationException();

    protected abstract Task<(string Provider, string ConnectionString)> DatabaseAsync();

    public async Task InitializeAsync()
    {
        var (provider, connectionString) = await DatabaseAsync();
        var options = Options.Create(new PassportServerOptions
        {
            Issuer = "https://passport.test",
            Storage = new StorageOptions { Provider = provider, ConnectionString = connectionString },
        });
        var database = new SqlDatabase(options, NullLogger<SqlDatabase>.Instance);
        await database.MigrateAsync();
        await new SqlDatabase(options, NullLogger<SqlDatabase>.Instance).MigrateAsync(); // idempotent
        _store = new SqlPassportStore(database);
        _database = database;
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static string NewDid()
    {
        using var key = Ed25519KeyPair.Generate();
        return DidKey.FromPublicKey(key.PublicKey).Value;
    }

    private static string NewHandle() => Handle.Generate() + "-" + Random.Shared.Next(1, 999999);

    private async Task<PassportRecord> NewRecordAsync(string? email = "owner@example.com")
    {
        var handle = NewHandle();
        Assert.True(await Store.TryCreateAsync(handle, NewDid(), "Agent", email, Now));
        return (await Store.FindByHandleAsync(handle))!;
    }

    [Fact]
    public async Task Record_round_trips_and_duplicate_did_or_handle_is_refused()
    {
        var record = await NewRecordAsync();
        Assert.Equal("UNCLAIMED", record.Status);
        Assert.Equal(Now, record.CreatedAt);
        Assert.Equal(record, await Store.FindByDidAsync(record.Did));
        Assert.False(await Store.TryCreateAsync(NewHandle(), record.Did, null, null, Now));
        Assert.False(await Store.TryCreateAsync(record.Handle, NewDid(), null, null, Now));
    }

    [Fact]
    public async Task List_pages_by_id_in_stable_order()
    {
        var created = new List<PassportRecord>();
        for (var i = 0; i < 3; i++) created.Add(await NewRecordAsync());
        var page = await Store.ListAsync(created[0].Id - 1, 2);
        Assert.Equal([created[0].Handle, created[1].Handle], page.Select(r => r.Handle));
        var next = await Store.ListAsync(page[^1].Id, 100);
        Assert.Equal(created[2].Handle, next[0].Handle);
    }

    [Fact]
    public async Task Challenge_redeems_once_and_says_why_it_refuses()
    {
        var did = NewDid();
        await Store.CreateAsync("n1-" + did, did, Now.AddMinutes(5));
        Assert.Equal(Redemption.Unknown, await Store.RedeemAsync("n1-" + did, NewDid(), Now));
        Assert.Equal(Redemption.Redeemed, await Store.RedeemAsync("n1-" + did, did, Now));
        Assert.Equal(Redemption.Used, await Store.RedeemAsync("n1-" + did, did, Now));
        await Store.CreateAsync("n2-" + did, did, Now.AddMinutes(5));
        Assert.Equal(Redemption.Expired, await Store.RedeemAsync("n2-" + did, did, Now.AddMinutes(5)));
        Assert.Equal(Redemption.Unknown, await Store.RedeemAsync("never", did, Now));
    }

    [Fact]
    public async Task Claim_token_redeems_once_with_distinct_refusals()
    {
        IClaimTokenStore claims = Store;
        var record = await NewRecordAsync();
        await claims.CreateAsync("c1-" + record.Handle, record.Handle, Now.AddHours(24));
        Assert.Equal((Redemption.Redeemed, record.Handle), await claims.RedeemAsync("c1-" + record.Handle, Now));
        Assert.Equal(Redemption.Used, (await claims.RedeemAsync("c1-" + record.Handle, Now)).Result);
        await claims.CreateAsync("c2-" + record.Handle, record.Handle, Now.AddHours(24));
        Assert.Equal(Redemption.Expired, (await claims.RedeemAsync("c2-" + record.Handle, Now.AddHours(25))).Result);
        Assert.Equal(Redemption.Unknown, (await claims.RedeemAsync("c3-" + record.Handle, Now)).Result);
        Assert.True(await Store.MarkClaimedAsync(record.Handle, Now));
        Assert.Equal("CLAIMED", (await Store.FindByHandleAsync(record.Handle))!.Status);
    }

    [Fact]
    public async Task Owner_link_peek_does_not_redeem_and_pending_rotation_is_visible()
    {
        IOwnerLinkStore links = Store;
        var record = await NewRecordAsync();
        var newDid = NewDid();
        await links.CreateAsync(new OwnerLink("l-" + record.Handle, record.Handle, "rotate", newDid, null, null, Now.AddMinutes(15)));
        Assert.True(await links.HasPendingRotationAsync(newDid, Now));
        Assert.Equal(Redemption.Redeemed, (await links.PeekAsync("l-" + record.Handle, Now)).State);
        var (result, link) = await links.RedeemAsync("l-" + record.Handle, Now);
        Assert.Equal(Redemption.Redeemed, result);
        Assert.Equal(newDid, link!.NewDid);
        Assert.Equal(Redemption.Used, (await links.PeekAsync("l-" + record.Handle, Now)).State);
        Assert.False(await links.HasPendingRotationAsync(newDid, Now));
        Assert.Equal(Redemption.Unknown, (await links.PeekAsync("l-" + record.Handle + "x", Now)).State);
        await links.CreateAsync(new OwnerLink("e-" + record.Handle, record.Handle, "revoke", null, null, null, Now));
        Assert.Equal(Redemption.Expired, (await links.PeekAsync("e-" + record.Handle, Now)).State);
        Assert.Equal(Redemption.Expired, (await links.RedeemAsync("e-" + record.Handle, Now)).Result);
    }

    [Fact]
    public async Task Rotate_moves_the_handle_and_appends_did_rotated()
    {
        var record = await NewRecordAsync();
        var newDid = NewDid();
        var rotated = await Store.RotateAsync(record.Handle, record.Did, newDid, Now);
        Assert.NotNull(rotated);
        Assert.Equal("did_rotated", rotated.Type);
        Assert.Null(await Store.FindByDidAsync(record.Did));
        Assert.Equal(record.Handle, (await Store.FindByDidAsync(newDid))!.Handle);
        Assert.Null(await Store.RotateAsync(record.Handle, record.Did, NewDid(), Now)); // stale old DID
        var other = await NewRecordAsync();
        await Assert.ThrowsAsync<StorageConflictException>(() => Store.RotateAsync(record.Handle, newDid, other.Did, Now));
    }

    [Fact]
    public async Task Revoke_is_once_revokes_grants_and_appends_record_revoked()
    {
        var principal = await NewRecordAsync();
        var actor = await NewRecordAsync();
        await Store.CreateAsync(new DelegationGrant("g-" + principal.Handle, principal.Handle, actor.Handle, ["read"], DelegationGrant.Active, Now, null));
        var revoked = await Store.RevokeAsync(principal.Handle, Now);
        Assert.Equal("record_revoked", revoked!.Type);
        Assert.Equal(principal.Did, revoked.Did);
        Assert.Null(await Store.RevokeAsync(principal.Handle, Now));
        Assert.Equal(DelegationGrant.Revoked, (await Store.FindAsync("g-" + principal.Handle))!.Status);
    }

    [Fact]
    public async Task Grants_list_find_active_and_revoke_once()
    {
        var principal = await NewRecordAsync();
        var actor = await NewRecordAsync();
        var grant = new DelegationGrant("g2-" + principal.Handle, principal.Handle, actor.Handle, ["read:a", "write:b"], DelegationGrant.Active, Now, null);
        await Store.CreateAsync(grant);
        Assert.Equal(["read:a", "write:b"], (await Store.FindActiveAsync(principal.Handle, actor.Handle))!.Scope);
        Assert.Single(await Store.ListForAsync(actor.Handle));
        var revoked = await Store.RevokeAsync(grant.Id, principal.Did, Now);
        Assert.Equal(grant.Id, revoked!.GrantId);
        Assert.Null(await Store.RevokeAsync(grant.Id, principal.Did, Now));
        Assert.Null(await Store.FindActiveAsync(principal.Handle, actor.Handle));
    }

    [Fact]
    public async Task Revocation_feed_is_ordered_resumable_and_tracks_publishing()
    {
        IRevocationEventStore events = Store;
        var a = await Store.RevokeAsync((await NewRecordAsync()).Handle, Now);
        var b = await Store.RevokeAsync((await NewRecordAsync()).Handle, Now);
        Assert.True(b!.Id > a!.Id);
        var page = await events.ListAsync(a.Id - 1, 2);
        Assert.Equal(a.Id, page[0].Id);
        Assert.Equal([b.Id], (await events.ListAsync(a.Id, 100)).Select(e => e.Id));
        Assert.Contains(await events.ListUnpublishedAsync(1000), e => e.Id == a.Id);
        await events.MarkPublishedAsync(a.Id);
        Assert.DoesNotContain(await events.ListUnpublishedAsync(1000), e => e.Id == a.Id);
    }

    [Fact]
    public async Task Hundred_parallel_redemptions_of_one_nonce_exactly_one_succeeds()
    {
        var did = NewDid();
        await Store.CreateAsync("p-" + did, did, Now.AddMinutes(5));
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => Store.RedeemAsync("p-" + did, did, Now))));
        Assert.Equal(1, results.Count(r => r == Redemption.Redeemed));
        Assert.Equal(99, results.Count(r => r == Redemption.Used));
    }

    [Fact]
    public async Task Hundred_parallel_redemptions_of_one_claim_token_exactly_one_succeeds()
    {
        IClaimTokenStore claims = Store;
        var record = await NewRecordAsync();
        await claims.CreateAsync("pc-" + record.Handle, record.Handle, Now.AddHours(1));
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => claims.RedeemAsync("pc-" + record.Handle, Now))));
        Assert.Equal(1, results.Count(r => r.Result == Redemption.Redeemed));
    }

    [Fact]
    public async Task Hundred_parallel_redemptions_of_one_owner_link_exactly_one_succeeds()
    {
        IOwnerLinkStore links = Store;
        var record = await NewRecordAsync();
        await links.CreateAsync(new OwnerLink("pl-" + record.Handle, record.Handle, "revoke", null, null, null, Now.AddMinutes(15)));
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => links.RedeemAsync("pl-" + record.Handle, Now))));
        Assert.Equal(1, results.Count(r => r.Result == Redemption.Redeemed));
    }

    [Fact]
    public async Task Approval_tables_are_created_by_the_migrations()
    {
        var database = _database ?? throw new InvalidOperationException();
        await using (var connection = await database.OpenAsync())
        {
            var versions = (await Dapper.SqlMapper.QueryAsync<long>(connection, "SELECT version FROM schema_migrations ORDER BY version")).ToList();
            Assert.Contains(2L, versions);

            // Queried before any approval store exists: the migrations alone made them.
            Assert.True(await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM passes_approval_requests") >= 0);
            Assert.True(await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM passes_owner_keys") >= 0);
        }

        IApprovalStore approvals = new SqlApprovalStore(database, TimeProvider.System);
        var nonce = "n-" + Guid.NewGuid().ToString("N");
        var expires = DateTimeOffset.UtcNow.AddMinutes(10);
        await approvals.CreateRequestAsync(new PendingApproval(nonce, "hash", [1, 2, 3], expires));
        Assert.NotNull(await approvals.FindOpenRequestAsync(nonce, DateTimeOffset.UtcNow));
        Assert.True(await approvals.TryConsumeRequestAsync(nonce, "hash", DateTimeOffset.UtcNow));
        Assert.False(await approvals.TryConsumeRequestAsync(nonce, "hash", DateTimeOffset.UtcNow));

        var owner = "owner-" + Guid.NewGuid().ToString("N");
        Assert.True(await approvals.TryBindOwnerKeyAsync(new BoundOwnerKey(owner, "tp", "{}", DateTimeOffset.UtcNow)));
        Assert.False(await approvals.TryBindOwnerKeyAsync(new BoundOwnerKey(owner, "other", "{}", DateTimeOffset.UtcNow)));
        Assert.Equal("tp", (await approvals.FindOwnerKeyAsync(owner))!.Thumbprint);
    }

    [Fact]
    public async Task Key_recovery_table_of_migration_5_allows_one_pending_recovery_and_completion_replaces_the_key()
    {
        var database = _database ?? throw new InvalidOperationException();
        await using (var connection = await database.OpenAsync())
        {
            Assert.Contains(5L, await Dapper.SqlMapper.QueryAsync<long>(connection, "SELECT version FROM schema_migrations"));
        }
        IApprovalStore approvals = new SqlApprovalStore(database, TimeProvider.System);
        IKeyRecoveryStore recoveries = new SqlKeyRecoveryStore(database);
        var owner = "owner-" + Guid.NewGuid().ToString("N");
        Assert.True(await approvals.TryBindOwnerKeyAsync(new BoundOwnerKey(owner, "old", "{}", Now)));
        KeyRecovery Recovery(string id, string thumbprint) => new(id, owner, "agent", thumbprint, "{\"kty\":\"OKP\"}", KeyRecovery.Pending, Now, Now.AddHours(72));

        Assert.True(await recoveries.TryStartAsync(Recovery("rc_a" + owner, "new")));
        Assert.False(await recoveries.TryStartAsync(Recovery("rc_b" + owner, "newer")));
        Assert.False(await recoveries.CompleteDueAsync(owner, Now.AddHours(71)));
        Assert.False(await recoveries.TryVetoAsync("rc_a" + owner, Now.AddHours(72)));
        Assert.True(await recoveries.CompleteDueAsync(owner, Now.AddHours(72)));
        Assert.False(await recoveries.CompleteDueAsync(owner, Now.AddHours(73)));
        Assert.Null(await recoveries.FindPendingAsync(owner));
        Assert.Equal("new", (await approvals.FindOwnerKeyAsync(owner))!.Thumbprint);

        // After completion (or a veto) another recovery may start; a vetoed one never binds its key.
        Assert.True(await recoveries.TryStartAsync(Recovery("rc_c" + owner, "third")));
        Assert.True(await recoveries.TryVetoAsync("rc_c" + owner, Now.AddHours(1)));
        Assert.False(await recoveries.CompleteDueAsync(owner, Now.AddHours(100)));
        Assert.Equal("new", (await approvals.FindOwnerKeyAsync(owner))!.Thumbprint);
    }

    [Fact]
    public async Task Migration_2_adopts_approval_tables_an_older_store_created()
    {
        var database = _database ?? throw new InvalidOperationException();
        await using var connection = await database.OpenAsync();

        // A database from before migration 2: the old store had created the tables itself. Re-running the
        // migration's SQL must keep them and their rows.
        await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM schema_migrations WHERE version = 2");
        var owner = "old-" + Guid.NewGuid().ToString("N");
        await Dapper.SqlMapper.ExecuteAsync(connection,
            "INSERT INTO passes_owner_keys (owner_id, thumbprint, jwk, bound_at) VALUES (@owner, 'tp', '{}', 1)", new { owner });
        await Dapper.SqlMapper.ExecuteAsync(connection, Migrations.All.Single(m => m.Version == 2).Sql);
        Assert.Equal(1L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
            "SELECT COUNT(*) FROM passes_owner_keys WHERE owner_id = @owner", new { owner }));
        await Dapper.SqlMapper.ExecuteAsync(connection,
            "INSERT INTO schema_migrations (version, applied_at) VALUES (2, 1)");
    }
}
