using System.Net;
using Passport.Gateway.Tests.Infrastructure;
using Passport.Testing;

namespace Passport.Gateway.Tests.Replay;

/// <summary>Two gateway replicas sharing one real redis-server for replay and revocation.</summary>
[Trait("Category", "Slow")]
public sealed class RedisGatewayTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private TestIssuer _issuer = null!;
    private EchoUpstream _upstream = null!;
    private GatewayHost _a = null!;
    private GatewayHost _b = null!;
    private const string Audience = "https://api.example.test";

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _issuer = await TestIssuer.StartAsync();
        _upstream = await EchoUpstream.StartAsync();
        _a = await StartGatewayAsync();
        _b = await StartGatewayAsync();
    }

    private Task<GatewayHost> StartGatewayAsync() => GatewayHost.StartAsync(_issuer.BaseUrl, _upstream.BaseUrl, s =>
    {
        // Both replicas sit behind one public origin; the test calls each on its own port, so htu uses the forwarded host.
        s["Passport:Audiences:0"] = Audience;
        s["Passport:Replay:Store"] = "Redis";
        s["Passport:Revocation:Source"] = "Redis";
        s["Passport:Redis:Configuration"] = _redis.ConnectionString;
        s["Passport:Revocation:MaxStalenessSeconds"] = "1";
    });

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _upstream.DisposeAsync();
        await _issuer.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private static async Task<HttpResponseMessage> SendAsync(GatewayHost gateway, string token, string proof, string path = "/things") =>
        await gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, gateway.BaseUrl + path, token, proof));

    [Fact]
    public async Task A_proof_used_at_one_replica_is_refused_at_the_other()
    {
        var agent = new TestAgent();
        var token = agent.Token(_issuer, Audience);
        // Each replica has its own public origin here, so the second proof is re-signed for B's htu with the same jti:
        // the replay key is (jkt, jti), shared through Redis.
        var jti = Guid.NewGuid().ToString("N");
        using (var first = await SendAsync(_a, token, agent.Proofs.Create("GET", _a.BaseUrl + "/things", jti: jti)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        using var second = await SendAsync(_b, token, agent.Proofs.Create("GET", _b.BaseUrl + "/things", jti: jti));
        (await Refused.ReadAsync(second)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.replayed");
    }

    [Fact]
    public async Task Fifty_parallel_uses_of_one_proof_across_two_replicas_yield_exactly_one_200()
    {
        var agent = new TestAgent();
        var token = agent.Token(_issuer, Audience);
        var jti = Guid.NewGuid().ToString("N");
        var proofA = agent.Proofs.Create("GET", _a.BaseUrl + "/things", jti: jti);
        var proofB = agent.Proofs.Create("GET", _b.BaseUrl + "/things", jti: jti);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var response = i % 2 == 0 ? await SendAsync(_a, token, proofA) : await SendAsync(_b, token, proofB);
            return response.StatusCode;
        }));
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(49, statuses.Count(s => s == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task A_revocation_published_while_traffic_runs_is_enforced_at_both_replicas()
    {
        var agent = new TestAgent();
        var token = agent.Token(_issuer, Audience);
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var r = await agent.SendAsync(_a, HttpMethod.Get, "/things", token);
                await Task.Delay(10);
            }
        });
        using (var ok = await agent.SendAsync(_b, HttpMethod.Get, "/things", token))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        await _redis.CommandAsync("SADD", "passport:revoked:dids", agent.Did);
        await _redis.CommandAsync("PUBLISH", "passport:revocations",
            $"{{\"id\":1,\"type\":\"record_revoked\",\"handle\":\"{agent.Handle}\",\"did\":\"{agent.Did}\",\"at\":\"{DateTimeOffset.UtcNow:O}\"}}");

        foreach (var gateway in new[] { _a, _b })
        {
            var status = await Poll.UntilStatusAsync(() => agent.SendAsync(gateway, HttpMethod.Get, "/things", token), HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.Forbidden, status);
        }
        await stop.CancelAsync();
        await traffic;
    }

    [Fact]
    public async Task A_revocation_whose_message_was_lost_is_enforced_by_the_set_size_check()
    {
        // Pub/sub is at-most-once: the member reaches the set but no message reaches the gateways (as when the
        // subscription moves between nodes during a failover). The live SCARD comparison must still catch it.
        var agent = new TestAgent();
        var token = agent.Token(_issuer, Audience);
        using (var ok = await agent.SendAsync(_a, HttpMethod.Get, "/things", token))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        await _redis.CommandAsync("SADD", "passport:revoked:dids", agent.Did);
        foreach (var gateway in new[] { _a, _b })
        {
            var status = await Poll.UntilStatusAsync(() => agent.SendAsync(gateway, HttpMethod.Get, "/things", token), HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.Forbidden, status);
        }
    }

    [Fact]
    public async Task A_revocation_in_the_set_before_start_is_enforced_by_the_full_resync()
    {
        var agent = new TestAgent();
        await _redis.CommandAsync("SADD", "passport:rotated:dids", agent.Did);
        await using var late = await StartGatewayAsync();
        using var response = await agent.SendAsync(late, HttpMethod.Get, "/things", agent.Token(_issuer, Audience));
        (await Refused.ReadAsync(response)).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "passport.rotated");
    }

    [Fact]
    public async Task Redis_outage_fails_closed_with_503_and_recovers_after_restart()
    {
        var agent = new TestAgent();
        var token = agent.Token(_issuer, Audience);
        using (var ok = await agent.SendAsync(_a, HttpMethod.Get, "/things", token))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        await _redis.StopAsync();
        var upstreamBefore = _upstream.Requests;
        for (var i = 0; i < 5; i++)
        {
            using var response = await agent.SendAsync(_a, HttpMethod.Get, "/things", token);
            var refused = await Refused.ReadAsync(response);
            refused.AssertIs(HttpStatusCode.ServiceUnavailable, null, refused.Code!);
            Assert.Contains(refused.Code, new[] { "replay.unavailable", "revocation.unavailable" });
            Assert.NotNull(response.Headers.RetryAfter);
        }
        Assert.Equal(upstreamBefore, _upstream.Requests);

        // Written as the IdP does (set, then publish): enforced whether the gateway resyncs before or after it.
        var revoked = new TestAgent();
        await _redis.StartAgainAsync();
        await _redis.CommandAsync("SADD", "passport:revoked:dids", revoked.Did);
        await _redis.CommandAsync("PUBLISH", "passport:revocations", $"{{\"id\":2,\"type\":\"record_revoked\",\"did\":\"{revoked.Did}\"}}");

        var status = await Poll.UntilStatusAsync(() => agent.SendAsync(_a, HttpMethod.Get, "/things", token), HttpStatusCode.OK, TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, status);
        using var refusedAfter = await revoked.SendAsync(_a, HttpMethod.Get, "/things", revoked.Token(_issuer, Audience));
        Assert.Equal(HttpStatusCode.Forbidden, refusedAfter.StatusCode);
    }
}
