using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Passport.Core.Encoding;
using Passport.Core.Keys;
using Passport.Core.Tokens;
using Passport.Gateway.Tests.Infrastructure;
using Passport.Server;
using Passport.Testing;

namespace Passport.Gateway.Tests.Faults;

/// <summary>
/// "IdP stopped mid-load": the real IdP (Passport.Server, in-process host) is stopped while a bounded stream of requests
/// runs through a gateway with the revocation feed. Tokens of the cached key keep getting 200, a token of an unknown
/// <c>kid</c> gets 401 <c>token.unknown_kid</c>, never a 500; restarted on the same port and data folder, the IdP issues
/// tokens of the same key again and the gateway accepts them.
/// </summary>
[Trait("Category", "Slow")]
public sealed class IdpStoppedTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("passport-gw-idp-stop-").FullName;
    private readonly string _idpUrl = $"http://127.0.0.1:{FreePort.Get()}";
    private readonly string _gatewayUrl = $"http://127.0.0.1:{FreePort.Get()}";
    private EchoUpstream _upstream = null!;
    private WebApplication? _idp;

    public async Task InitializeAsync()
    {
        _upstream = await EchoUpstream.StartAsync();
        _idp = await StartIdpAsync();
    }

    public async Task DisposeAsync()
    {
        await StopIdpAsync();
        await _upstream.DisposeAsync();
        TempDirectory.TryDelete(_dataDirectory);
    }

    private async Task<WebApplication> StartIdpAsync()
    {
        var idp = PassportServer.Build([$"--urls={_idpUrl}", "--environment=Production", "--contentRoot", _dataDirectory], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Passport:Issuer"] = _idpUrl,
                ["Passport:DataDirectory"] = _dataDirectory,
                ["Passport:DevOutbox"] = "true",
                ["Passport:RateLimiting:PermitsPerMinute"] = "100000",
                ["Passport:Audiences:0"] = _gatewayUrl,
                ["Logging:LogLevel:Default"] = "Warning",
            }));
        await idp.StartAsync();
        return idp;
    }

    private async Task StopIdpAsync()
    {
        if (_idp is null) return;
        await _idp.StopAsync();
        await _idp.DisposeAsync();
        _idp = null;
    }

    /// <summary>Register → challenge → token at the real IdP.</summary>
    private async Task<string> LoginAsync(TestAgent agent)
    {
        using var idp = new HttpClient { BaseAddress = new Uri(_idpUrl) };
        using var registered = await idp.PostAsJsonAsync("/auth/register", new { did = agent.Did, name = "Fault Agent" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        using var challenge = await idp.PostAsJsonAsync("/auth/challenge", new { did = agent.Did });
        var nonce = (await challenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nonce").GetString()!;
        var signature = Base64UrlEncoding.Encode(agent.Key.Sign(Convert.FromHexString(nonce)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token")
        {
            Content = JsonContent.Create(new { did = agent.Did, nonce, signature, aud = _gatewayUrl }),
        };
        request.Headers.Add("DPoP", agent.Proof(HttpMethod.Post, _idpUrl + "/auth/token"));
        using var response = await idp.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task Stopping_the_idp_mid_load_keeps_cached_keys_serving_refuses_unknown_kids_and_a_restart_resumes()
    {
        await using var gateway = await GatewayHost.StartAsync(_idpUrl, _upstream.BaseUrl, s => s["Passport:PublicOrigin"] = _gatewayUrl, fixedBaseUrl: _gatewayUrl);
        var agent = new TestAgent();
        var token = await LoginAsync(agent);
        using var stranger = Ed25519KeyPair.Generate();
        var strangerAgent = new TestAgent();
        var unknownKid = new PassportTokenIssuer(stranger, "not-in-the-jwks").Issue(new PassportTokenClaims
        {
            Issuer = _idpUrl,
            Audience = _gatewayUrl,
            Subject = strangerAgent.Did,
            JwtId = Guid.NewGuid().ToString(),
            IssuedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Jkt = strangerAgent.Jkt,
        });

        // 100 requests, 4 at a time; the IdP is stopped once a quarter of them are done.
        var outcomes = new ConcurrentQueue<(bool Unknown, HttpStatusCode Status, string? Code)>();
        var sent = 0;
        var stopped = Task.CompletedTask;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            while (Interlocked.Increment(ref sent) is var n && n <= 100)
            {
                if (n == 25) stopped = StopIdpAsync();
                var unknown = n % 10 == 0;
                var (presenter, presented) = unknown ? (strangerAgent, unknownKid) : (agent, token);
                using var response = await presenter.SendAsync(gateway, HttpMethod.Get, "/things", presented);
                outcomes.Enqueue((unknown, response.StatusCode, (await Refused.ReadAsync(response)).Code));
            }
        }));
        await stopped;

        Assert.All(outcomes.Where(o => !o.Unknown), o => Assert.Equal(HttpStatusCode.OK, o.Status));
        Assert.All(outcomes.Where(o => o.Unknown), o => Assert.Equal((HttpStatusCode.Unauthorized, "token.unknown_kid"), (o.Status, o.Code)));

        // Same port, same data folder: the same signing key, so a token issued after the restart is accepted.
        _idp = await StartIdpAsync();
        var later = new TestAgent();
        using var call = await later.SendAsync(gateway, HttpMethod.Get, "/things", await LoginAsync(later));
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        await gateway.WaitReadyAsync();
    }
}
