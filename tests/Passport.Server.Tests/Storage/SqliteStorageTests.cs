using Passport.Testing;

namespace Passport.Server.Tests.Storage;

/// <summary>The storage suite on a SQLite file in a temp folder.</summary>
public sealed class SqliteStorageTests : StorageContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "passport-sqlite-tests", Guid.NewGuid().ToString("N"));

    protected override Task<(string Provider, string ConnectionString)> DatabaseAsync() =>
        Task.FromResult(("Sqlite", $"Data Source={Path.Combine(_folder, "passport.db")};Pooling=True"));

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TempDirectory.TryDelete(_folder);
        return Task.CompletedTask;
    }
}
