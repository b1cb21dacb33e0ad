using System.Net;
using System.Net.Http.Json;
using Passport.Server.Configuration;
using Passport.Server.Tests.Hosting;
using Xunit;

namespace Passport.Server.Tests.Endpoints;

/// <summary>
/// Rate limits over real HTTP: the per-address bucket follows <c>X-Forwarded-For</c> only from a trusted proxy (the test
/// client's peer 127.0.0.1 plays the ingress), and challenge/token are also limited per DID.
/// </summary>
public sealed class RateLimitTests
{
    private static readonly object BadDid = new { did = "x" };

    [Fact]
    public async Task Clients_behind_a_trusted_proxy_get_separate_buckets_keyed_by_the_right_most_untrusted_address()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Passport:RateLimiting:PermitsPerMinute"] = "2",
            ["Passport:TrustedProxies:0"] = "127.0.0.1",
            ["Passport:TrustedProxies:1"] = "10.0.0.0/8",
        });

        // Client A, once directly and once through a second trusted hop (10.1.1.1): both count for 203.0.113.1.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await ChallengeAsync(host, "203.0.113.1")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await ChallengeAsync(host, "203.0.113.1, 10.1.1.1")).StatusCode);
        var limited = await ChallengeAsync(host, "203.0.113.1");
        await Problem.AssertAsync(limited, 429, "rate_limited");
        Assert.NotNull(limited.Headers.RetryAfter);
        // A value the client wrote left of its own address does not give it a fresh bucket.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ChallengeAsync(host, "198.51.100.99, 203.0.113.1")).StatusCode);

        // Client B behind the same proxy is still served.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await ChallengeAsync(host, "203.0.113.2")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await ChallengeAsync(host, "203.0.113.2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ChallengeAsync(host, "203.0.113.2")).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.0.0.0/8")]
    public async Task X_forwarded_for_from_an_untrusted_peer_is_ignored(string? trustedProxy)
    {
        var settings = new Dictionary<string, string?> { ["Passport:RateLimiting:PermitsPerMinute"] = "2" };
        if (trustedProxy is not null) settings["Passport:TrustedProxies:0"] = trustedProxy;
        await using var host = await ServerHost.StartAsync(settings);

        // Each request claims another client; all of them share the peer's (127.0.0.1) bucket.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await ChallengeAsync(host, "203.0.113.1")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await ChallengeAsync(host, "203.0.113.2")).StatusCode);
        await Problem.AssertAsync(await ChallengeAsync(host, "203.0.113.3"), 429, "rate_limited");
        await Problem.AssertAsync(await ChallengeAsync(host, forwardedFor: null), 429, "rate_limited");
    }

    [Fact]
    public async Task Challenge_is_limited_per_did_while_another_did_is_still_served()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Passport:RateLimiting:PermitsPerMinutePerDid"] = "2" });
        using var busy = new TestAgent(host);
        using var quiet = new TestAgent(host);
        (await busy.RegisterAsync()).EnsureSuccessStatusCode();
        (await quiet.RegisterAsync()).EnsureSuccessStatusCode();

        for (var i = 0; i < 2; i++) (await host.Client.PostAsJsonAsync("/auth/challenge", new { did = busy.Did.Value })).EnsureSuccessStatusCode();
        var limited = await host.Client.PostAsJsonAsync("/auth/challenge", new { did = busy.Did.Value });
        await Problem.AssertAsync(limited, 429, "rate_limited");
        Assert.NotNull(limited.Headers.RetryAfter);

        Assert.False(string.IsNullOrEmpty(await quiet.ChallengeAsync()));
    }

    [Fact]
    public async Task Token_is_limited_per_did_while_another_did_is_still_served()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Passport:RateLimiting:PermitsPerMinutePerDid"] = "2" });
        using var busy = new TestAgent(host);
        using var quiet = new TestAgent(host);
        (await busy.RegisterAsync()).EnsureSuccessStatusCode();
        (await quiet.RegisterAsync()).EnsureSuccessStatusCode();

        // A login and a replay of its nonce use up the DID's token window; its challenge window is separate.
        var used = await busy.ChallengeAsync();
        (await busy.RequestTokenAsync(used)).EnsureSuccessStatusCode();
        await Problem.AssertAsync(await busy.RequestTokenAsync(used), 400, "challenge.used");
        var limited = await busy.RequestTokenAsync(await busy.ChallengeAsync());
        await Problem.AssertAsync(limited, 429, "rate_limited");
        Assert.NotNull(limited.Headers.RetryAfter);

        Assert.False(string.IsNullOrEmpty(await quiet.LoginAsync()));
    }

    [Fact]
    public void A_trusted_proxy_that_is_no_address_and_a_zero_per_did_limit_are_named_at_start()
    {
        var options = new PassportServerOptions { Issuer = "https://passport.example.com", TrustedProxies = ["10.0.0.0/8", "ingress.local"] };
        options.RateLimiting.PermitsPerMinutePerDid = 0;
        var result = new PassportServerOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Passport:TrustedProxies:1 ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Passport:RateLimiting:PermitsPerMinutePerDid ", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Failures!, f => f.StartsWith("Passport:TrustedProxies:0", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> ChallengeAsync(ServerHost host, string? forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/challenge") { Content = JsonContent.Create(BadDid) };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return host.Client.SendAsync(request);
    }
}
