using Passport.Server.Tests.Hosting;
using Passport.Testing;
using Xunit;

namespace Passport.Server.Tests.EndToEnd;

/// <summary>The whole server on a real PostgreSQL: register → token → /me → delegation exchange.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresServerTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Server_runs_on_postgres()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("srv" + Guid.NewGuid().ToString("N"));
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Passport:Storage:Provider"] = "Postgres",
            ["Passport:Storage:ConnectionString"] = connectionString,
        });
        using var principal = new TestAgent(host);
        using var actor = new TestAgent(host);
        await principal.RegisterAndLoginAsync();
        await actor.RegisterAndLoginAsync();
        var me = await Problem.JsonAsync(await principal.SendAsync(HttpMethod.Get, "/me"));
        Assert.Equal(principal.Handle, me.GetProperty("handle").GetString());
        await Problem.JsonAsync(await principal.SendAsync(HttpMethod.Post, "/api/delegations", new { actor = actor.Handle, scope = new[] { "read:x" } }), 201);
        await Problem.JsonAsync(await actor.SendAsync(HttpMethod.Post, "/auth/token/exchange", new { principal = principal.Handle }));
        Assert.Equal(200, (int)(await host.Client.GetAsync("/readyz")).StatusCode);
    }
}
