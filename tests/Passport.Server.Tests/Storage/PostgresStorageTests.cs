using Passport.Testing;
using Xunit;

namespace Passport.Server.Tests.Storage;

/// <summary>The same storage suite on a real PostgreSQL (initdb + pg_ctl on a free loopback port), one database per test.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresStorageTests(PostgresFixture postgres) : StorageContract, IClassFixture<PostgresFixture>
{
    protected override async Task<(string Provider, string ConnectionString)> DatabaseAsync()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("t" + Guid.NewGuid().ToString("N"));
        return ("Postgres", connectionString + ";Maximum Pool Size=20");
    }

    public override Task DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}
