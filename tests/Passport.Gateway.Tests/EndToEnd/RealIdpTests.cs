using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Passport.Core.Encoding;
using Passport.Gateway.Tests.Infrastructure;
using Passport.Server;
using Passport.Testing;

namespace Passport.Gateway.Tests.EndToEnd;

/// <summary>End to end with the real IdP (Passport.Server): register → challenge → token → call through the gateway.</summary>
[Trait("Category", "Slow")]
public sealed class RealIdpTests
{
    [Fact]
    public async Task Registered_agent_gets_a_token_and_the_upstream_sees_its_identity()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("passport-gw-e2e-").FullName;
        var idpUrl = $"http://127.0.0.1:{FreePort.Get()}";
        var gatewayUrl = $"http://127.0.0.1:{FreePort.Get()}";
        await using var upstream = await EchoUpstream.StartAsync();
        var idp = PassportServer.Build([$"--urls={idpUrl}", "--environment=Production", "--contentRoot", dataDirectory], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Passport:Issuer"] = idpUrl,
                ["Passport:DataDirectory"] = dataDirectory,
                ["Passport:DevOutbox"] = "true",
                ["Passport:RateLimiting:PermitsPerMinute"] = "100000",
                ["Passport:Audiences:0"] = gatewayUrl,
                ["Logging:LogLevel:Default"] = "Warning",
            }));
        await idp.StartAsync();
        try
        {
            await using var gateway = await GatewayHost.StartAsync(idpUrl, upstream.BaseUrl, s => s["Passport:PublicOrigin"] = gatewayUrl, fixedBaseUrl: gatewayUrl);
            using var idpClient = new HttpClient { BaseAddress = new Uri(idpUrl) };
            var agent = new TestAgent();

            using var registered = await idpClient.PostAsJsonAsync("/auth/register", new { did = agent.Did, name = "E2E Agent" });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            var handle = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handle").GetString();

            using var challenge = await idpClient.PostAsJsonAsync("/auth/challenge", new { did = agent.Did });
            var nonce = (await challenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nonce").GetString()!;
            var signature = Base64UrlEncoding.Encode(agent.Key.Sign(Convert.FromHexString(nonce)));
            var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/auth/token")
            {
                Content = JsonContent.Create(new { did = agent.Did, nonce, signature, aud = gatewayUrl }),
            };
            tokenRequest.Headers.Add("DPoP", agent.Proof(HttpMethod.Post, idpUrl + "/auth/token"));
            using var tokenResponse = await idpClient.SendAsync(tokenRequest);
            Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
            var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;

            using var call = await agent.SendAsync(gateway, HttpMethod.Get, "/orders-anything", token);
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
            var echo = (await call.Content.ReadFromJsonAsync<EchoResponse>())!;
            Assert.Equal(agent.Did, echo.Headers["x-passport-sub"]);
            Assert.Equal(handle, echo.Headers["x-passport-handle"]);
            Assert.Equal("UNCLAIMED", echo.Headers["x-passport-status"]);
            Assert.Equal(agent.Jkt, echo.Headers["x-passport-jkt"]);
            Assert.False(echo.Headers.ContainsKey("authorization"));
        }
        finally
        {
            await idp.StopAsync();
            await idp.DisposeAsync();
            TempDirectory.TryDelete(dataDirectory);
        }
    }
}
