using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Passport.Core.Encoding;
using Passport.Core.Keys;
using Passport.Gateway.Tests.Infrastructure;
using Passport.Server;
using Passport.Testing;

namespace Passport.Gateway.Tests.Faults;

/// <summary>
/// The IdP signing-key rotation runbook of docs/operations.md, performed step by step with real IdP restarts (the real
/// Passport.Server on a fixed loopback port and data folder) in front of a real gateway: publish the next key, promote
/// it while the old one stays published, then remove the old one. Every wait is on an observed event, bounded.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SigningKeyRunbookTests : IAsyncLifetime
{
    private const string OldKid = "passport-v1";
    private const string NewKid = "passport-v2";
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(90);

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("passport-gw-runbook-").FullName;
    private readonly string _idpUrl = $"http://127.0.0.1:{FreePort.Get()}";
    private readonly string _gatewayUrl = $"http://127.0.0.1:{FreePort.Get()}";
    private EchoUpstream _upstream = null!;
    private WebApplication? _idp;
    private string _oldKeyPath = null!;
    private string _newKeyPath = null!;

    public async Task InitializeAsync()
    {
        // The key files an operator would keep in a secret store: private JWKs, mode 0600.
        using var oldKey = Ed25519KeyPair.Generate();
        using var newKey = Ed25519KeyPair.Generate();
        _oldKeyPath = await WriteKeyAsync("old-key.jwk", oldKey);
        _newKeyPath = await WriteKeyAsync("new-key.jwk", newKey);
        _upstream = await EchoUpstream.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopIdpAsync();
        await _upstream.DisposeAsync();
        TempDirectory.TryDelete(_dataDirectory);
    }

    [Fact]
    public async Task Publish_promote_and_remove_keeps_old_tokens_working_until_the_old_key_is_removed()
    {
        // Before: the IdP signs with the old key.
        _idp = await StartIdpAsync(new() { ["Passport:SigningKey:Path"] = _oldKeyPath, ["Passport:SigningKey:KeyId"] = OldKid });
        await using var gateway = await GatewayHost.StartAsync(_idpUrl, _upstream.BaseUrl, s =>
        {
            s["Passport:PublicOrigin"] = _gatewayUrl;
            s["Passport:Revocation:Source"] = "None";
            s["Passport:Jwks:RefreshSeconds"] = "5";
            s["Passport:Jwks:MinRefetchIntervalSeconds"] = "1";
        }, fixedBaseUrl: _gatewayUrl);
        var agentA = new TestAgent();
        var tokenA = await LoginAsync(agentA);
        Assert.Equal(OldKid, KidOf(tokenA));
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(gateway, agentA, tokenA)).Status);

        // Step 1: configure the next key; it is published in the JWKS but does not sign.
        await RestartIdpAsync(new()
        {
            ["Passport:SigningKey:Path"] = _oldKeyPath,
            ["Passport:SigningKey:KeyId"] = OldKid,
            ["Passport:SigningKey:NextKeyPath"] = _newKeyPath,
            ["Passport:SigningKey:NextKeyId"] = NewKid,
        });
        Assert.Equal([OldKid, NewKid], await JwksKidsAsync());
        var stillOld = new TestAgent();
        Assert.Equal(OldKid, KidOf(await LoginAsync(stillOld)));
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(gateway, agentA, tokenA)).Status);

        // Step 2 (wait ≥ Jwks:RefreshSeconds) is what lets every gateway know the new key before it signs; here the
        // first token of the new kid below also triggers the gateway's refetch, which the test waits for.
        // Step 3: promote the next key; the old one stays published (PreviousKeyPath), never signs again.
        await RestartIdpAsync(new()
        {
            ["Passport:SigningKey:Path"] = _newKeyPath,
            ["Passport:SigningKey:KeyId"] = NewKid,
            ["Passport:SigningKey:PreviousKeyPath"] = _oldKeyPath,
            ["Passport:SigningKey:PreviousKeyId"] = OldKid,
        });
        Assert.Equal([NewKid, OldKid], await JwksKidsAsync());
        var agentB = new TestAgent();
        var tokenB = await LoginAsync(agentB);
        Assert.Equal(NewKid, KidOf(tokenB));
        await WaitForAsync(gateway, agentB, tokenB, HttpStatusCode.OK, null);
        // Step 4: while the old key is published, its tokens keep working.
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(gateway, agentA, tokenA)).Status);

        // Step 5: remove the old key. From the gateway's next JWKS load, its tokens are refused; the new key's are not.
        await RestartIdpAsync(new() { ["Passport:SigningKey:Path"] = _newKeyPath, ["Passport:SigningKey:KeyId"] = NewKid });
        Assert.Equal([NewKid], await JwksKidsAsync());
        await WaitForAsync(gateway, agentA, tokenA, HttpStatusCode.Unauthorized, "token.unknown_kid");
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(gateway, agentB, tokenB)).Status);
        var agentC = new TestAgent();
        var tokenC = await LoginAsync(agentC);
        Assert.Equal(NewKid, KidOf(tokenC));
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(gateway, agentC, tokenC)).Status);
    }

    private async Task<string> WriteKeyAsync(string name, Ed25519KeyPair key)
    {
        var path = Path.Combine(_dataDirectory, name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var writer = new StreamWriter(new FileStream(path, options));
        await writer.WriteAsync(Ed25519PrivateJwk.Export(key));
        return path;
    }

    private async Task<WebApplication> StartIdpAsync(Dictionary<string, string?> signing)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Passport:Issuer"] = _idpUrl,
            ["Passport:DataDirectory"] = _dataDirectory,
            ["Passport:RateLimiting:PermitsPerMinute"] = "100000",
            ["Passport:Audiences:0"] = _gatewayUrl,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in signing) settings[key] = value;
        var idp = PassportServer.Build([$"--urls={_idpUrl}", "--environment=Production", "--contentRoot", _dataDirectory], builder =>
            builder.Configuration.AddInMemoryCollection(settings));
        await idp.StartAsync();
        return idp;
    }

    /// <summary>Stops the IdP and starts it again on the same address and data folder with new signing-key settings.</summary>
    private async Task RestartIdpAsync(Dictionary<string, string?> signing)
    {
        await StopIdpAsync();
        _idp = await StartIdpAsync(signing);
    }

    private async Task StopIdpAsync()
    {
        if (_idp is null) return;
        await _idp.StopAsync();
        await _idp.DisposeAsync();
        _idp = null;
    }

    private async Task<List<string?>> JwksKidsAsync()
    {
        using var idp = new HttpClient { BaseAddress = new Uri(_idpUrl) };
        var jwks = await idp.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
        return jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
    }

    /// <summary>Register → challenge → token at the real IdP.</summary>
    private async Task<string> LoginAsync(TestAgent agent)
    {
        using var idp = new HttpClient { BaseAddress = new Uri(_idpUrl) };
        using var registered = await idp.PostAsJsonAsync("/auth/register", new { did = agent.Did, name = "Runbook Agent" });
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

    private static string? KidOf(string token)
    {
        using var header = JsonDocument.Parse(Base64UrlEncoding.Decode(token.AsSpan(0, token.IndexOf('.'))));
        return header.RootElement.GetProperty("kid").GetString();
    }

    private static async Task<(HttpStatusCode Status, string? Code)> CallAsync(GatewayHost gateway, TestAgent agent, string token)
    {
        using var response = await agent.SendAsync(gateway, HttpMethod.Get, "/things", token);
        return (response.StatusCode, (await Refused.ReadAsync(response)).Code);
    }

    /// <summary>Calls the gateway (a fresh proof each time) until it answers <paramref name="status"/> with <paramref name="code"/>.</summary>
    private static async Task WaitForAsync(GatewayHost gateway, TestAgent agent, string token, HttpStatusCode status, string? code)
    {
        var deadline = DateTime.UtcNow + EventTimeout;
        (HttpStatusCode Status, string? Code) last;
        while ((last = await CallAsync(gateway, agent, token)) != (status, code))
        {
            Assert.True(last.Status is HttpStatusCode.OK or HttpStatusCode.Unauthorized, $"unexpected {(int)last.Status} {last.Code}");
            Assert.True(DateTime.UtcNow < deadline, $"the gateway still answers {(int)last.Status} {last.Code}, expected {(int)status} {code}");
            await Task.Delay(200);
        }
    }
}
