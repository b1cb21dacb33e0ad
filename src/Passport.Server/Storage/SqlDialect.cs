using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Passport.Server.Storage;

/// <summary>What differs between SQLite and PostgreSQL; every SQL statement elsewhere is shared.</summary>
internal abstract class SqlDialect
{
    public abstract string Name { get; }

    /// <summary>Column definition of an auto-increasing 64-bit primary key.</summary>
    public abstract string IdentityColumn { get; }

    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Runs before migrations: serialises concurrent migrators and sets connection-level modes.</summary>
    public abstract string BeforeMigrations { get; }

    public abstract string AfterMigrations { get; }

    public abstract bool IsUniqueViolation(Exception exception);

    public static SqlDialect For(string provider) =>
        string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase) ? new PostgresDialect() : new SqliteDialect();

    private sealed class SqliteDialect : SqlDialect
    {
        public override string Name => "Sqlite";
        public override string IdentityColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";
        public override string BeforeMigrations => "PRAGMA journal_mode=WAL;";
        public override string AfterMigrations => "";
        public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);
        public override bool IsUniqueViolation(Exception exception) => exception is SqliteException { SqliteErrorCode: 19 };
    }

    private sealed class PostgresDialect : SqlDialect
    {
        private const long MigrationLockKey = 0x7061737370; // "passp"
        public override string Name => "Postgres";
        public override string IdentityColumn => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
        public override string BeforeMigrations => $"SELECT pg_advisory_lock({MigrationLockKey});";
        public override string AfterMigrations => $"SELECT pg_advisory_unlock({MigrationLockKey});";
        public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);
        public override bool IsUniqueViolation(Exception exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
    }
}
