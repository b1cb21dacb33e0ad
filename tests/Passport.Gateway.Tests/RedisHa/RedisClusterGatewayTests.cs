using System.Net;
using Passport.Gateway.Tests.Infrastructure;
using Passport.Testing;
using StackExchange.Redis;

namespace Passport.Gateway.Tests.RedisHa;

/// <summary>One real 3-primary + 3-replica Redis Cluster shared by the tests of <see cref="RedisClusterGatewayTests"/>.</summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    public RedisCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await RedisCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>Two gateway replicas on a real Redis Cluster: replay keys spread over the slots, revocations broadcast to every node, failover fails closed.</summary>
[Trait("Category", "Slow")]
public sealed class RedisClusterGatewayTests(RedisClusterFixture fixture) : IClassFixture<RedisClusterFixture>, IAsyncLifetime
{
    private HaStack _stack = null!;

    public async Task InitializeAsync()
    {
        await fixture.Cluster.WaitHealthyAsync(TimeSpan.FromSeconds(30));
        _stack = await HaStack.StartAsync(fixture.Cluster.ConnectionString);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Replay_records_spread_over_every_primary_and_each_proof_is_refused_at_the_other_gateway()
    {
        var agent = new TestAgent();
        var token = agent.Token(_stack.Issuer, HaStack.Audience);
        var owners = new HashSet<int>();
        for (var i = 0; i < 30; i++)
        {
            var jti = Guid.NewGuid().ToString("N");
            using (var first = await HaStack.SendAsync(_stack.A, agent, token, jti))
            {
                Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            }
            using var second = await HaStack.SendAsync(_stack.B, agent, token, jti);
            (await Refused.ReadAsync(second)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.replayed");
            var key = $"passport:jti:{agent.Jkt}:{jti}";
            var owner = await fixture.Cluster.PrimaryForKeyAsync(key);
            Assert.Equal("1", await owner.CommandAsync("EXISTS", key));
            owners.Add(owner.Port);
        }
        Assert.Equal(3, owners.Count);
    }

    [Fact]
    public async Task Fifty_parallel_uses_of_one_proof_across_two_gateways_yield_exactly_one_200()
    {
        var agent = new TestAgent();
        var token = agent.Token(_stack.Issuer, HaStack.Audience);
        var jti = Guid.NewGuid().ToString("N");
        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var response = await HaStack.SendAsync(i % 2 == 0 ? _stack.A : _stack.B, agent, token, jti);
            return response.StatusCode;
        }));
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(49, statuses.Count(s => s == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task A_revocation_published_on_any_node_reaches_both_gateways()
    {
        // As the IdP does it through a cluster connection: the set member first, then a classic PUBLISH, here sent to
        // each node in turn (replicas included), for one agent per node: the cluster bus broadcasts it to every subscriber.
        await using var idp = await ConnectionMultiplexer.ConnectAsync(fixture.Cluster.ConnectionString);
        var agents = new List<TestAgent>();
        for (var i = 0; i < fixture.Cluster.Nodes.Count; i++)
        {
            var agent = new TestAgent();
            agents.Add(agent);
            await idp.GetDatabase().SetAddAsync("passport:revoked:dids", agent.Did);
            await fixture.Cluster.Nodes[i].CommandAsync("PUBLISH", "passport:revocations", HaStack.RecordRevoked(100 + i, agent));
        }

        foreach (var agent in agents)
        {
            var token = agent.Token(_stack.Issuer, HaStack.Audience);
            foreach (var gateway in _stack.Gateways)
            {
                var status = await Poll.UntilStatusAsync(() => agent.SendAsync(gateway, HttpMethod.Get, "/things", token), HttpStatusCode.Forbidden);
                Assert.Equal(HttpStatusCode.Forbidden, status);
            }
        }
    }

    [Fact]
    public async Task A_revocation_in_the_set_before_start_is_enforced_by_the_full_resync()
    {
        var agent = new TestAgent();
        await using (var idp = await ConnectionMultiplexer.ConnectAsync(fixture.Cluster.ConnectionString))
        {
            await idp.GetDatabase().SetAddAsync("passport:rotated:dids", agent.Did);
        }
        await using var late = await HaStack.StartAsync(fixture.Cluster.ConnectionString, gateways: 1);
        using var response = await agent.SendAsync(late.A, HttpMethod.Get, "/things", agent.Token(late.Issuer, HaStack.Audience));
        (await Refused.ReadAsync(response)).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "passport.rotated");
    }

    [Fact]
    public async Task Killing_a_primary_mid_run_fails_closed_with_503_then_recovers_by_itself()
    {
        var run = new FailoverRun(_stack);
        RedisServer? killed = null;
        await run.RunAsync(async () =>
        {
            // The primary that owns the revocation sets: the resync path fails over too, not only a third of the replay keys.
            killed = await fixture.Cluster.PrimaryForKeyAsync("passport:revoked:dids");
            await FailoverRun.StopAfterReplicationAsync(killed);
        });

        run.AssertFailedClosedAndRecovered();
        await run.AssertEveryAcceptedProofIsRefusedOnReplayAsync();

        // Revocations still reach both gateways after the failover.
        var revoked = new TestAgent();
        await using (var idp = await ConnectionMultiplexer.ConnectAsync(fixture.Cluster.ConnectionString))
        {
            await idp.GetDatabase().SetAddAsync("passport:revoked:dids", revoked.Did);
            await idp.GetSubscriber().PublishAsync(RedisChannel.Literal("passport:revocations"), HaStack.RecordRevoked(200, revoked));
        }
        var token = revoked.Token(_stack.Issuer, HaStack.Audience);
        foreach (var gateway in _stack.Gateways)
        {
            // Bounded generously, as for Sentinel: reconnect and resync after a failover are slow on a loaded machine.
            Assert.Equal(HttpStatusCode.Forbidden, await Poll.UntilStatusAsync(() => revoked.SendAsync(gateway, HttpMethod.Get, "/things", token), HttpStatusCode.Forbidden, TimeSpan.FromSeconds(60)));
        }

        // Back as a replica of its successor (its nodes.conf remembers the cluster), for the other tests of the class.
        await killed!.StartAgainAsync();
        await fixture.Cluster.WaitHealthyAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Replicated_durability_waits_on_the_primary_that_owns_each_key()
    {
        // WAIT needs each primary's replica online; after the failover test the restarted node may still be syncing
        // (its link can be "up" on the replica side before the primary counts it), so wait on the primaries' view.
        await WaitEveryPrimaryHasAnOnlineReplicaAsync(TimeSpan.FromSeconds(60));
        await using var replicated = await HaStack.StartAsync(fixture.Cluster.ConnectionString, gateways: 1, durability: "Replicated");
        var agent = new TestAgent();
        var token = agent.Token(replicated.Issuer, HaStack.Audience);
        for (var i = 0; i < 30; i++)
        {
            var jti = Guid.NewGuid().ToString("N");
            using var response = await HaStack.SendAsync(replicated.A, agent, token, jti);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private async Task WaitEveryPrimaryHasAnOnlineReplicaAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var ready = true;
            foreach (var primary in await fixture.Cluster.PrimariesAsync())
            {
                var replication = await primary.CommandAsync("INFO", "replication") ?? "";
                ready &= replication.Contains("state=online", StringComparison.Ordinal);
            }
            if (ready) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("a primary of the cluster has no online replica");
            await Task.Delay(100);
        }
    }
}
