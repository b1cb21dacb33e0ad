using System.Net;
using Passport.Gateway.Tests.Infrastructure;
using Passport.Testing;

namespace Passport.Gateway.Tests.RedisHa;

/// <summary>One real Sentinel setup (primary, replica, 3 sentinels) shared by the tests of <see cref="RedisSentinelGatewayTests"/>.</summary>
public sealed class RedisSentinelFixture : IAsyncLifetime
{
    public RedisSentinel Sentinel { get; private set; } = null!;

    public async Task InitializeAsync() => Sentinel = await RedisSentinel.StartAsync();

    public async Task DisposeAsync() => await Sentinel.DisposeAsync();
}

/// <summary>Two gateway replicas connected through Redis Sentinel (<c>serviceName=mymaster</c>): replay, revocation, failover.</summary>
[Trait("Category", "Slow")]
public sealed class RedisSentinelGatewayTests(RedisSentinelFixture fixture) : IClassFixture<RedisSentinelFixture>, IAsyncLifetime
{
    private HaStack _stack = null!;

    public async Task InitializeAsync() => _stack = await HaStack.StartAsync(fixture.Sentinel.ConnectionString);

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task A_proof_used_at_one_gateway_is_refused_at_the_other()
    {
        var agent = new TestAgent();
        var token = agent.Token(_stack.Issuer, HaStack.Audience);
        var jti = Guid.NewGuid().ToString("N");
        using (var first = await HaStack.SendAsync(_stack.A, agent, token, jti))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        using var second = await HaStack.SendAsync(_stack.B, agent, token, jti);
        (await Refused.ReadAsync(second)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.replayed");
        var primary = await fixture.Sentinel.CurrentPrimaryAsync();
        Assert.Equal("1", await primary.CommandAsync("EXISTS", $"passport:jti:{agent.Jkt}:{jti}"));
    }

    [Fact]
    public async Task A_revocation_reaches_both_gateways()
    {
        var agent = new TestAgent();
        var primary = await fixture.Sentinel.CurrentPrimaryAsync();
        await primary.CommandAsync("SADD", "passport:revoked:dids", agent.Did);
        await primary.CommandAsync("PUBLISH", "passport:revocations", HaStack.RecordRevoked(1, agent));
        var token = agent.Token(_stack.Issuer, HaStack.Audience);
        foreach (var gateway in _stack.Gateways)
        {
            Assert.Equal(HttpStatusCode.Forbidden, await Poll.UntilStatusAsync(() => agent.SendAsync(gateway, HttpMethod.Get, "/things", token), HttpStatusCode.Forbidden));
        }
    }

    [Fact]
    public async Task Killing_the_primary_mid_run_fails_closed_with_503_then_recovers_by_itself()
    {
        var before = await fixture.Sentinel.CurrentPrimaryAsync();
        var run = new FailoverRun(_stack);
        await run.RunAsync(() => FailoverRun.StopAfterReplicationAsync(before));

        run.AssertFailedClosedAndRecovered();
        // The gateways follow the first sentinel that announces +switch-master; wait until all of them agree (bounded,
        // throws when no failover happens) instead of asking one sentinel that may not have heard yet.
        var primary = await fixture.Sentinel.WaitForFailoverAsync(before.Port);
        Assert.NotEqual(before.Port, primary.Port);
        await run.AssertEveryAcceptedProofIsRefusedOnReplayAsync();

        // The promoted primary serves revocations to both gateways: written after the failover, enforced at both.
        var revoked = new TestAgent();
        await primary.CommandAsync("SADD", "passport:revoked:dids", revoked.Did);
        await primary.CommandAsync("PUBLISH", "passport:revocations", HaStack.RecordRevoked(2, revoked));
        var token = revoked.Token(_stack.Issuer, HaStack.Audience);
        foreach (var gateway in _stack.Gateways)
        {
            // Bounded generously: after a failover the gateways reconnect, resubscribe and resync, which is slow on a loaded
            // CI machine (503 revocation.unavailable meanwhile: fail closed, never a 200).
            Assert.Equal(HttpStatusCode.Forbidden, await Poll.UntilStatusAsync(() => revoked.SendAsync(gateway, HttpMethod.Get, "/things", token), HttpStatusCode.Forbidden, TimeSpan.FromSeconds(60)));
        }
    }
}
