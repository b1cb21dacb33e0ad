using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Passport.Server.Tests.Hosting;
using Xunit;

namespace Passport.Server.Tests.Endpoints;

/// <summary>Tests that need their own server: rate limits, expiry with a fake clock, key file, bad configuration.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task Rate_limit_per_ip_gives_429_problem()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Passport:RateLimiting:PermitsPerMinute"] = "2" });
        for (var i = 0; i < 2; i++) await host.Client.PostAsJsonAsync("/auth/challenge", new { did = "x" });
        var limited = await host.Client.PostAsJsonAsync("/auth/challenge", new { did = "x" });
        await Problem.AssertAsync(limited, 429, "rate_limited");
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Expired_nonce_and_claim_token_are_refused_with_distinct_codes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ServerHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        using var agent = new TestAgent(host.Client, host.Issuer);
        var email = OwnerMailbox.NewEmail();
        (await agent.RegisterAsync(email)).EnsureSuccessStatusCode();
        var nonce = await agent.ChallengeAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        // The proof's iat comes from the same fake clock, so only the nonce is stale.
        var response = await agent.RequestTokenAsync(nonce, proof: new Passport.Core.Dpop.DpopProofFactory(agent.Key, clock).Create("POST", host.Issuer + "/auth/token"));
        await Problem.AssertAsync(response, 400, "challenge.expired");

        var token = OwnerMailbox.TokenOf(await host.OutboxLastAsync(email));
        clock.Advance(TimeSpan.FromHours(24));
        await Problem.AssertAsync(await host.Client.PostAsJsonAsync("/auth/claim", new { token }), 400, "claim.expired");
    }

    [Fact]
    public async Task Signing_key_is_generated_with_0600_and_reused()
    {
        string jwks;
        string dataDirectory;
        await using (var host = await ServerHost.StartAsync())
        {
            dataDirectory = host.DataDirectory;
            var keyFile = Path.Combine(host.DataDirectory, "signing-key.jwk");
            Assert.True(File.Exists(keyFile));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            }
            jwks = await host.Client.GetStringAsync("/.well-known/jwks.json");
            Assert.DoesNotContain("\"d\"", jwks);
        }
        Assert.False(Directory.Exists(dataDirectory));
    }

    [Fact]
    public async Task Next_key_is_published_during_rollover()
    {
        var folder = Path.Combine(Path.GetTempPath(), "passport-next-key", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var next = Passport.Core.Keys.Ed25519KeyPair.Generate();
        var path = Path.Combine(folder, "next.jwk");
        await File.WriteAllTextAsync(path, next.PublicJwk.ToJson());
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Passport:SigningKey:NextKeyPath"] = path });
        var jwks = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/.well-known/jwks.json");
        var kids = jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Equal(["passport-v1", "passport-v2"], kids);
        Passport.Testing.TempDirectory.TryDelete(folder);
    }

    [Fact]
    public async Task Previous_key_is_published_after_a_promotion_and_never_signs()
    {
        var folder = Path.Combine(Path.GetTempPath(), "passport-previous-key", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var previous = Passport.Core.Keys.Ed25519KeyPair.Generate();
        var path = Path.Combine(folder, "previous.jwk");
        await File.WriteAllTextAsync(path, previous.PublicJwk.ToJson());
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Passport:SigningKey:KeyId"] = "passport-v2",
            ["Passport:SigningKey:PreviousKeyPath"] = path,
            ["Passport:SigningKey:PreviousKeyId"] = "passport-v1",
        });
        var jwks = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/.well-known/jwks.json");
        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(["passport-v2", "passport-v1"], keys.Select(k => k.GetProperty("kid").GetString()));
        Assert.Equal(previous.PublicJwk.X, keys[1].GetProperty("x").GetString());
        Passport.Testing.TempDirectory.TryDelete(folder);
    }

    [Theory]
    [InlineData(null, "PreviousKeyId is required")]
    [InlineData("passport-v1", "must differ from Passport:SigningKey:KeyId")]
    public async Task Previous_key_without_a_distinct_kid_fails_start_naming_the_setting(string? previousId, string message)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Passport:SigningKey:PreviousKeyPath"] = "/nonexistent/previous.jwk",
            ["Passport:SigningKey:PreviousKeyId"] = previousId,
        }));
        Assert.Contains("Passport:SigningKey:PreviousKeyId", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Missing_issuer_fails_start_with_a_message_naming_the_setting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ServerHost.StartAsync(new Dictionary<string, string?> { ["Passport:Issuer"] = "" }));
        Assert.Contains("Passport:Issuer", error.Message);
    }

    [Fact]
    public async Task Dev_outbox_is_not_served_when_disabled()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Passport:DevOutbox"] = "false" });
        await Problem.AssertAsync(await host.Client.GetAsync("/dev/outbox"), 404, "not_found");
    }
}
