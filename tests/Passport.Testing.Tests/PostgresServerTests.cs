using System.Globalization;
using System.Net.Sockets;

namespace Passport.Testing.Tests;

[Trait("Category", "Slow")]
public class PostgresServerTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Accepts_tcp_connections_on_loopback()
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", postgres.Server.Port);
        Assert.True(client.Connected);
        Assert.Equal(
            $"Host=127.0.0.1;Port={postgres.Server.Port};Username=postgres;Database=postgres",
            postgres.ConnectionString);
    }

    [Fact]
    public async Task Psql_select_1_works()
    {
        var psql = Executables.Find("psql", ["/usr/bin"]);
        Assert.NotNull(psql);
        var result = await ProcessRunner.RunAsync(psql,
            ["-h", "127.0.0.1", "-p", postgres.Server.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-X", "-A", "-t", "-c", "select 1"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1", result.Output.Trim());
    }

    [Fact]
    public async Task CreateDatabase_makes_a_usable_database()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("orders_test");
        Assert.EndsWith("Database=orders_test", connectionString, StringComparison.Ordinal);
        await postgres.Server.ExecuteSqlAsync("create table t (id int); insert into t values (41), (1);", "orders_test");
        Assert.Equal("42", await postgres.Server.ExecuteSqlAsync("select sum(id) from t", "orders_test"));
        await Assert.ThrowsAsync<ArgumentException>(() => postgres.Server.CreateDatabaseAsync("bad\"name"));
    }
}

[Trait("Category", "Slow")]
public class PostgresLifecycleTests
{
    [Fact]
    public async Task Stop_ends_the_postmaster_and_dispose_deletes_the_folder()
    {
        var server = await PostgresServer.StartAsync();
        var pid = server.PostmasterPid;
        Assert.NotNull(pid);
        Assert.True(ProcessIds.IsAlive(pid.Value));

        await server.StopAsync();
        Assert.False(ProcessIds.IsAlive(pid.Value));
        using (var client = new TcpClient())
        {
            await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", server.Port));
        }

        await server.DisposeAsync();
        Assert.False(Directory.Exists(server.RootDirectory));
    }
}
