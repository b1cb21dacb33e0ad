using System.Net.Http.Json;
using Passport.Server.Storage;
using Passport.Server.Tests.Hosting;
using Passport.Testing;
using Xunit;

namespace Passport.Server.Tests.EndToEnd;

/// <summary>Revocations reach a real redis-server; a publish failure is retried from the feed.</summary>
[Trait("Category", "Slow")]
public sealed class RedisPublishingTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private async Task<(ServerHost Host, TestAgent Agent, string Email)> ClaimedAgentAsync()
    {
        var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Passport:Redis:Configuration"] = redis.ConnectionString,
            ["Passport:Redis:RepublishIntervalSeconds"] = "1",
        });
        var agent = new TestAgent(host);
        var email = OwnerMailbox.NewEmail();
        (await agent.RegisterAsync(email)).EnsureSuccessStatusCode();
        await OwnerMailbox.ClaimAsync(host, email);
        return (host, agent, email);
    }

    [Fact]
    public async Task Revocation_is_added_to_the_redis_set_and_marked_published()
    {
        var (host, agent, email) = await ClaimedAgentAsync();
        await using var _ = host;
        using var __ = agent;
        var link = await OwnerMailbox.RequestLinkAsync(host, email, new { handle = agent.Handle, action = "revoke" });
        (await host.Client.PostAsJsonAsync("/auth/owner/approve", new { token = link })).EnsureSuccessStatusCode();
        Assert.Equal("1", await redis.Server.CommandAsync("SISMEMBER", "passport:revoked:dids", agent.Did.Value));
        Assert.Empty(await host.Get<IRevocationEventStore>().ListUnpublishedAsync(100));
    }

    [Fact]
    public async Task Publish_failure_is_retried_when_redis_returns()
    {
        var (host, agent, email) = await ClaimedAgentAsync();
        await using var _ = host;
        using var __ = agent;
        var link = await OwnerMailbox.RequestLinkAsync(host, email, new { handle = agent.Handle, action = "revoke" });
        await redis.Server.StopAsync();
        try
        {
            (await host.Client.PostAsJsonAsync("/auth/owner/approve", new { token = link })).EnsureSuccessStatusCode();
            Assert.NotEmpty(await host.Get<IRevocationEventStore>().ListUnpublishedAsync(100));
        }
        finally
        {
            await redis.Server.StartAgainAsync();
        }
        for (var i = 0; i < 120 && (await host.Get<IRevocationEventStore>().ListUnpublishedAsync(100)).Count > 0; i++)
        {
            await Task.Delay(250);
        }
        Assert.Empty(await host.Get<IRevocationEventStore>().ListUnpublishedAsync(100));
        Assert.Equal("1", await redis.Server.CommandAsync("SISMEMBER", "passport:revoked:dids", agent.Did.Value));
    }
}
