using System.Collections.Concurrent;
using System.Net;
using Passport.Gateway.Tests.Infrastructure;
using Passport.Testing;

namespace Passport.Gateway.Tests.Faults;

/// <summary>
/// "Redis restarted without persistence" with the replay floor (<c>Passport:Replay:Floor=true</c>): two gateways share a
/// real redis-server that is stopped mid-load and started again on the same port, empty. Over the whole run every
/// response is 200, 401 or 503 (+ Retry-After), and no proof is accepted twice: every proof accepted before the restart
/// is sent again, byte for byte, after it (and once more at the end), and the number of 200s per jti never exceeds one.
/// The gateways serve fresh proofs again by themselves once one iat window (20 s here, real clock) has passed.
/// </summary>
[Trait("Category", "Slow")]
public sealed class RedisRestartedTests : IAsyncLifetime
{
    private const int WindowSeconds = 20;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3 * WindowSeconds + 30);

    private readonly TestAgent _agent = new();
    private readonly ConcurrentQueue<Outcome> _outcomes = new();
    private readonly List<GatewayHost> _gateways = [];
    private RedisServer _redis = null!;
    private TestIssuer _issuer = null!;
    private EchoUpstream _upstream = null!;

    private sealed record Outcome(GatewayHost Gateway, string Jti, string Proof, HttpStatusCode Status, bool RetryAfter, string? Code);

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _issuer = await TestIssuer.StartAsync();
        _upstream = await EchoUpstream.StartAsync();
        for (var i = 0; i < 2; i++)
        {
            _gateways.Add(await GatewayHost.StartAsync(_issuer.BaseUrl, _upstream.BaseUrl, s =>
            {
                s["Passport:Replay:Store"] = "Redis";
                s["Passport:Replay:Floor"] = "true";
                s["Passport:Redis:Configuration"] = _redis.ConnectionString;
                s["Passport:Revocation:Source"] = "None";
                s["Passport:Dpop:IssuedAtWindowSeconds"] = WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                s["Passport:Audiences:0"] = "https://api.example.test";
            }));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways) await gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        await _issuer.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Restarting_redis_mid_load_never_accepts_a_proof_twice_and_the_gateways_recover_by_themselves()
    {
        var token = _agent.Token(_issuer, "https://api.example.test");

        // A fresh Redis is a new epoch: fresh proofs pass once one window has gone by (bounded, on the gateways' own).
        await LoadUntilAsync(token, () => _outcomes.Count(o => o.Status == HttpStatusCode.OK) >= 40);
        var beforeRestart = _outcomes.Where(o => o.Status == HttpStatusCode.OK).ToList();

        await _redis.StopAsync();
        await _redis.StartAgainAsync();

        // At once, while their iat is still inside the window: every proof accepted before the restart, byte for byte.
        var replays = new List<Outcome>();
        foreach (var accepted in beforeRestart) replays.Add(await DecideAsync(accepted));

        // Load again until the gateways serve fresh proofs by themselves: 20 in a row accepted.
        var okInARow = 0;
        await LoadUntilAsync(token, () => Volatile.Read(ref okInARow) >= 20, onOutcome: o =>
        {
            if (o.Status == HttpStatusCode.OK) Interlocked.Increment(ref okInARow);
            else Volatile.Write(ref okInARow, 0);
        });
        foreach (var accepted in _outcomes.Where(o => o.Status == HttpStatusCode.OK).ToList()) replays.Add(await DecideAsync(accepted));

        var all = _outcomes.Concat(replays).ToList();
        var unexpected = all.Where(o => o.Status is not (HttpStatusCode.OK or HttpStatusCode.Unauthorized or HttpStatusCode.ServiceUnavailable)).ToList();
        Assert.True(unexpected.Count == 0, "Unexpected statuses: " + Summary(unexpected));
        Assert.All(all.Where(o => o.Status == HttpStatusCode.ServiceUnavailable), o =>
        {
            Assert.True(o.RetryAfter, "503 without Retry-After");
            Assert.Equal("replay.unavailable", o.Code);
        });
        Assert.All(all.Where(o => o.Status == HttpStatusCode.Unauthorized), o =>
            Assert.Contains(o.Code, new[] { "dpop.before_replay_floor", "dpop.replayed", "dpop.stale_iat" }));
        var twice = all.Where(o => o.Status == HttpStatusCode.OK).GroupBy(o => o.Jti).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"Accepted more than once: {string.Join(", ", twice)} ({Summary(all)})");
        // The floor, not the clock, refused the proofs replayed right after the restart (the store had lost them).
        Assert.Contains(replays.Take(beforeRestart.Count), o => o.Code == "dpop.before_replay_floor");
        Assert.All(replays, o => Assert.Equal(HttpStatusCode.Unauthorized, o.Status));
    }

    /// <summary>Fresh proofs, 4 at a time, alternating gateways, until <paramref name="done"/> (bounded).</summary>
    private async Task LoadUntilAsync(string token, Func<bool> done, Action<Outcome>? onOutcome = null)
    {
        var deadline = DateTime.UtcNow + Bound;
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            while (!done())
            {
                Assert.True(DateTime.UtcNow < deadline, "No recovery within the bound: " + Summary(_outcomes));
                var gateway = _gateways[Interlocked.Increment(ref next) % _gateways.Count];
                var jti = Guid.NewGuid().ToString("N");
                var outcome = await SendAsync(gateway, jti, token, _agent.Proofs.Create("GET", gateway.BaseUrl + "/things", jti: jti));
                _outcomes.Enqueue(outcome);
                onOutcome?.Invoke(outcome);
                if (outcome.Status != HttpStatusCode.OK) await Task.Delay(50);
            }
        }));
    }

    /// <summary>The same proof again at the same gateway; a 503 is no answer yet (Redis still coming back), so it is sent again (bounded).</summary>
    private async Task<Outcome> DecideAsync(Outcome accepted)
    {
        var token = _agent.Token(_issuer, "https://api.example.test");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var outcome = await SendAsync(accepted.Gateway, accepted.Jti, token, accepted.Proof);
            if (outcome.Status != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow >= deadline) return outcome;
            await Task.Delay(50);
        }
    }

    private static async Task<Outcome> SendAsync(GatewayHost gateway, string jti, string token, string proof)
    {
        using var response = await gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, gateway.BaseUrl + "/things", token, proof));
        var code = response.StatusCode == HttpStatusCode.OK ? null : (await Refused.ReadAsync(response)).Code;
        return new Outcome(gateway, jti, proof, response.StatusCode, response.Headers.RetryAfter is not null, code);
    }

    private static string Summary(IEnumerable<Outcome> outcomes) =>
        string.Join(", ", outcomes.GroupBy(o => $"{(int)o.Status} {o.Code}".TrimEnd()).Select(g => $"{g.Count()}× {g.Key}"));
}
