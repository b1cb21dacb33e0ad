using System.Globalization;
using System.Net;
using Passport.Gateway.Tests.Infrastructure;
using Passport.Testing;

namespace Passport.Gateway.Tests.RedisHa;

/// <summary><c>Passport:Replay:Durability=Replicated</c> on a primary with one replica: 200 while the replica acknowledges, 503 without it.</summary>
[Trait("Category", "Slow")]
public sealed class ReplicatedDurabilityTests : IAsyncLifetime
{
    private RedisServer _primary = null!;
    private RedisServer _replica = null!;
    private HaStack _stack = null!;

    public async Task InitializeAsync()
    {
        _primary = await RedisServer.StartAsync();
        _replica = await RedisServer.StartAsync(["--replicaof", "127.0.0.1", _primary.Port.ToString(CultureInfo.InvariantCulture)]);
        await WaitReplicaLinkedAsync();
        _stack = await HaStack.StartAsync(_primary.ConnectionString, gateways: 1, durability: "Replicated");
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        await _replica.DisposeAsync();
        await _primary.DisposeAsync();
    }

    private async Task WaitReplicaLinkedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await _primary.CommandAsync("INFO", "replication") ?? "").Contains("connected_slaves:1", StringComparison.Ordinal)
               || !(await _replica.CommandAsync("INFO", "replication") ?? "").Contains("master_link_status:up", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The replica did not link to the primary.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task With_a_replica_a_fresh_proof_is_accepted_and_its_record_is_on_the_replica()
    {
        var agent = new TestAgent();
        var jti = Guid.NewGuid().ToString("N");
        using var response = await HaStack.SendAsync(_stack.A, agent, agent.Token(_stack.Issuer, HaStack.Audience), jti);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // WAIT returned 1, so the replica holds it now: no polling needed.
        Assert.Equal("1", await _replica.CommandAsync("EXISTS", $"passport:jti:{agent.Jkt}:{jti}"));
    }

    [Fact]
    public async Task Without_a_replica_requests_are_refused_with_503_and_accepted_again_once_it_is_back()
    {
        var agent = new TestAgent();
        var token = agent.Token(_stack.Issuer, HaStack.Audience);
        await _replica.StopAsync();
        var upstreamBefore = _stack.Upstream.Requests;
        for (var i = 0; i < 3; i++)
        {
            using var response = await HaStack.SendAsync(_stack.A, agent, token, Guid.NewGuid().ToString("N"));
            (await Refused.ReadAsync(response)).AssertIs(HttpStatusCode.ServiceUnavailable, null, "replay.unavailable");
            Assert.NotNull(response.Headers.RetryAfter);
        }
        Assert.Equal(upstreamBefore, _stack.Upstream.Requests);

        await _replica.StartAgainAsync();
        var status = await Poll.UntilStatusAsync(() => HaStack.SendAsync(_stack.A, agent, token, Guid.NewGuid().ToString("N")), HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_refused_proof_stays_recorded_and_is_not_accepted_later()
    {
        var agent = new TestAgent();
        var token = agent.Token(_stack.Issuer, HaStack.Audience);
        var jti = Guid.NewGuid().ToString("N");
        await _replica.StopAsync();
        using (var refused = await HaStack.SendAsync(_stack.A, agent, token, jti))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }
        await _replica.StartAgainAsync();
        await WaitReplicaLinkedAsync();
        using var again = await HaStack.SendAsync(_stack.A, agent, token, jti);
        (await Refused.ReadAsync(again)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.replayed");
    }
}
