using System.Buffers.Text;
using System.Text.Json;
using Passport.Server.Tests.Hosting;
using Passport.Testing;
using Xunit;

namespace Passport.Server.Tests.EndToEnd;

/// <summary>
/// With <c>Passport:Redis:Configuration</c> set, the IdP records DPoP proofs in a real redis-server
/// (<c>{prefix}jti:{jkt}:{jti}</c>), so a replay is refused by every replica; Redis down → 503 <c>replay.unavailable</c>.
/// </summary>
[Trait("Category", "Slow")]
public sealed class RedisReplayTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private async Task<(ServerHost Host, TestAgent Agent)> LoggedInAgentAsync()
    {
        var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Passport:Redis:Configuration"] = redis.ConnectionString,
        });
        var agent = new TestAgent(host);
        await agent.RegisterAndLoginAsync();
        return (host, agent);
    }

    private static string Jti(string proof)
    {
        var payload = Base64Url.DecodeFromChars(proof.Split('.')[1]);
        return JsonDocument.Parse(payload).RootElement.GetProperty("jti").GetString()!;
    }

    [Fact]
    public async Task Me_proof_is_recorded_in_redis_and_refused_when_replayed()
    {
        var (host, agent) = await LoggedInAgentAsync();
        await using var _ = host;
        using var __ = agent;
        var proof = agent.Proofs.Create("GET", host.Issuer + "/me", agent.Token);

        await Problem.JsonAsync(await agent.SendAsync(HttpMethod.Get, "/me", proof: proof));
        Assert.Equal("1", await redis.Server.CommandAsync("EXISTS", $"passport:jti:{agent.Did.Thumbprint}:{Jti(proof)}"));

        var replayed = await agent.SendAsync(HttpMethod.Get, "/me", proof: proof);
        await Problem.AssertAsync(replayed, 401, "dpop.replayed");
    }

    [Fact]
    public async Task Record_in_redis_is_refused_by_another_idp_replica()
    {
        var (host, agent) = await LoggedInAgentAsync();
        await using var _ = host;
        using var __ = agent;
        var proof = agent.Proofs.Create("GET", host.Issuer + "/me", agent.Token);
        await Problem.JsonAsync(await agent.SendAsync(HttpMethod.Get, "/me", proof: proof));

        // A second IdP process on the same Redis: the proof's record is already there, whoever checks it.
        await using var replica = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Passport:Redis:Configuration"] = redis.ConnectionString,
        });
        var store = replica.Get<Passport.AspNetCore.Replay.IReplayStore>();
        Assert.Equal("redis", store.Kind);
        Assert.False(await store.TryRecordAsync(agent.Did.Thumbprint, Jti(proof), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Redis_down_answers_503_replay_unavailable_with_retry_after()
    {
        var (host, agent) = await LoggedInAgentAsync();
        await using var _ = host;
        using var __ = agent;
        await redis.Server.StopAsync();
        try
        {
            var me = await agent.SendAsync(HttpMethod.Get, "/me");
            await Problem.AssertAsync(me, 503, "replay.unavailable");
            Assert.NotNull(me.Headers.RetryAfter);

            var nonce = await agent.ChallengeAsync();
            var token = await agent.RequestTokenAsync(nonce);
            await Problem.AssertAsync(token, 503, "replay.unavailable");
            Assert.NotNull(token.Headers.RetryAfter);
        }
        finally
        {
            await redis.Server.StartAgainAsync();
        }
    }
}
