using System.Collections.Concurrent;
using System.Net;
using Passport.Gateway.Tests.Infrastructure;
using Passport.Gateway.Tests.RedisHa;
using Passport.Testing;

namespace Passport.Gateway.Tests.Faults;

/// <summary>
/// "Redis slowed": one gateway (replay and revocation on Redis) reaches a real redis-server through a
/// <see cref="TcpDelayProxy"/>. Whatever the latency, and when Redis hangs outright, a request is either accepted with its
/// replay record written or refused with 503 + <c>Retry-After</c> once the Redis timeout passes: never a 500, never a hang,
/// never forwarded unchecked. Routes that do not need Redis keep working, and the gateway recovers by itself.
/// </summary>
[Trait("Category", "Slow")]
public sealed class RedisSlowedTests : IAsyncLifetime
{
    private static readonly string[] UnavailableCodes = ["replay.unavailable", "revocation.unavailable"];

    private readonly TestAgent _agent = new();
    private readonly ConcurrentQueue<(string Jti, HttpStatusCode Status, bool RetryAfter, string? Code)> _outcomes = new();
    private RedisServer _redis = null!;
    private TcpDelayProxy _proxy = null!;
    private HaStack _stack = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _proxy = TcpDelayProxy.Start(_redis.Port);
        _stack = await HaStack.StartAsync(_proxy.ConnectionString, gateways: 1);
        _token = _agent.Token(_stack.Issuer, HaStack.Audience);
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        await _proxy.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Under_0_to_200_ms_of_latency_every_request_is_accepted_and_recorded_or_refused_with_503()
    {
        var upstreamBefore = _stack.Upstream.Requests;
        // 200 requests, 4 at a time, while the latency steps through 0, 50, 100, 150 and 200 ms.
        for (var step = 0; step < 5; step++)
        {
            _proxy.Delay = TimeSpan.FromMilliseconds(step * 50);
            await BurstAsync(40, concurrency: 4);
        }

        AssertOnly200Or503WithRetryAfter();
        Assert.Contains(_outcomes, o => o.Status == HttpStatusCode.OK);
        await AssertUpstreamSawExactlyTheAcceptedAsync(upstreamBefore);
        await AssertEveryAcceptedProofIsRefusedOnReplayAsync();
    }

    [Fact]
    public async Task A_stalled_redis_gives_503_with_retry_after_while_open_routes_work_and_the_gateway_recovers_by_itself()
    {
        await BurstAsync(5, concurrency: 1);
        Assert.All(_outcomes, o => Assert.Equal(HttpStatusCode.OK, o.Status));
        var upstreamBefore = _stack.Upstream.Requests;
        _outcomes.Clear();

        _proxy.Stall();
        await BurstAsync(24, concurrency: 4);
        Assert.All(_outcomes, o =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, o.Status);
            Assert.True(o.RetryAfter, "503 without Retry-After");
            Assert.Contains(o.Code, UnavailableCodes);
        });
        Assert.Equal(upstreamBefore, _stack.Upstream.Requests);

        // Anonymous routes and liveness never touch Redis.
        using (var open = await _stack.A.Client.GetAsync("/open/things")) Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        using (var live = await _stack.A.Client.GetAsync("/healthz")) Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        _proxy.Resume();
        var status = await Poll.UntilStatusAsync(() => SendAsync(Guid.NewGuid().ToString("N")), HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, status);
        _outcomes.Clear();
        await BurstAsync(10, concurrency: 2);
        Assert.All(_outcomes, o => Assert.Equal(HttpStatusCode.OK, o.Status));
        await AssertEveryAcceptedProofIsRefusedOnReplayAsync();
    }

    private async Task BurstAsync(int requests, int concurrency)
    {
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < requests)
            {
                var jti = Guid.NewGuid().ToString("N");
                // GatewayHost's client gives up after 30 s: a request hanging on Redis fails the test there.
                using var response = await SendAsync(jti);
                var code = response.StatusCode == HttpStatusCode.OK ? null : (await Refused.ReadAsync(response)).Code;
                _outcomes.Enqueue((jti, response.StatusCode, response.Headers.RetryAfter is not null, code));
            }
        });
        await Task.WhenAll(workers);
    }

    private Task<HttpResponseMessage> SendAsync(string jti) => HaStack.SendAsync(_stack.A, _agent, _token, jti);

    private void AssertOnly200Or503WithRetryAfter()
    {
        var unexpected = _outcomes.Where(o => o.Status is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)).ToList();
        Assert.True(unexpected.Count == 0, "Unexpected statuses: " + string.Join(", ", unexpected.Select(o => $"{(int)o.Status} {o.Code}")));
        Assert.All(_outcomes.Where(o => o.Status == HttpStatusCode.ServiceUnavailable), o =>
        {
            Assert.True(o.RetryAfter, "503 without Retry-After");
            Assert.Contains(o.Code, UnavailableCodes);
        });
    }

    // The upstream counts a request as it handles it, which can trail the 200 by a moment: bounded poll, then exact.
    private async Task AssertUpstreamSawExactlyTheAcceptedAsync(int upstreamBefore)
    {
        var accepted = _outcomes.Count(o => o.Status == HttpStatusCode.OK);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (_stack.Upstream.Requests - upstreamBefore < accepted && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(accepted, _stack.Upstream.Requests - upstreamBefore);
    }

    // An accepted proof whose replay record was not written would be accepted again.
    private async Task AssertEveryAcceptedProofIsRefusedOnReplayAsync()
    {
        _proxy.Delay = TimeSpan.Zero;
        foreach (var (jti, _, _, _) in _outcomes.Where(o => o.Status == HttpStatusCode.OK))
        {
            using var replay = await SendAsync(jti);
            (await Refused.ReadAsync(replay)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.replayed");
        }
    }
}
