using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Passport.Server.Configuration;

namespace Passport.Server.Storage;

/// <summary>Opens connections for the configured provider and applies <see cref="Migrations"/> once.</summary>
internal sealed partial class SqlDatabase
{
    private readonly string _connectionString;
    private readonly ILogger<SqlDatabase> _logger;
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private volatile bool _migrated;

    static SqlDatabase() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public SqlDatabase(IOptions<PassportServerOptions> options, ILogger<SqlDatabase> logger)
    {
        var storage = options.Value.Storage;
        Dialect = SqlDialect.For(storage.Provider);
        _connectionString = storage.ConnectionString is { Length: > 0 } cs
            ? cs
            : $"Data Source={Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "passport.db")};Pooling=True";
        _logger = logger;
    }

    public SqlDialect Dialect { get; }

    /// <summary>Opens a connection; migrations are applied before the first one is handed out.</summary>
    public async Task<DbConnection> OpenAsync()
    {
        if (!_migrated) await MigrateAsync();
        return await OpenRawAsync();
    }

    public async Task MigrateAsync()
    {
        await _migrationGate.WaitAsync();
        try
        {
            if (_migrated) return;
            if (Dialect.Name == "Sqlite") EnsureSqliteFolder();
            await using var connection = await OpenRawAsync();
            if (Dialect.BeforeMigrations.Length > 0) await connection.ExecuteAsync(Dialect.BeforeMigrations);
            try
            {
                await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)");
                var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations")).ToHashSet();
                foreach (var (version, sql) in Migrations.All)
                {
                    if (applied.Contains(version)) continue;
                    await using var transaction = await connection.BeginTransactionAsync();
                    await connection.ExecuteAsync(sql.Replace("{identity}", Dialect.IdentityColumn, StringComparison.Ordinal), transaction: transaction);
                    await connection.ExecuteAsync("INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)",
                        new { version = (long)version, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, transaction);
                    await transaction.CommitAsync();
                    LogMigrationApplied(_logger, version, Dialect.Name);
                }
            }
            finally
            {
                if (Dialect.AfterMigrations.Length > 0) await connection.ExecuteAsync(Dialect.AfterMigrations);
            }
            _migrated = true;
        }
        finally
        {
            _migrationGate.Release();
        }
    }

    /// <summary>True when the database answers.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync();
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken)) == 1;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    private async Task<DbConnection> OpenRawAsync()
    {
        var connection = Dialect.CreateConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private void EnsureSqliteFolder()
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(_connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Applied storage migration {Version} on {Provider}")]
    private static partial void LogMigrationApplied(ILogger logger, int version, string provider);
}
