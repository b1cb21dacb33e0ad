using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Passport.Gateway.Tests.Infrastructure;
using Passport.Server;
using Passport.Testing;
using Passport.Testing.Node;

namespace Passport.Gateway.Tests.EndToEnd;

/// <summary>
/// Issue 16 §6 interop: oauth4webapi (a stock client not written here; tests/interop-node/client-credentials.mjs) discovers
/// the real IdP's AS metadata, registers a fresh Ed25519 key's DID, gets a DPoP-bound token with client_credentials +
/// private_key_jwt (alg Ed25519, aud = the issuer) for the gateway's resource, calls the real gateway with its own DPoP
/// proof (200), and the verbatim replay of that request is refused (401).
/// </summary>
[Trait("Category", "Slow")]
public sealed class ClientCredentialsInteropTests
{
    [Fact]
    public async Task Oauth4webapi_gets_a_dpop_bound_token_and_calls_the_gateway()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("passport-gw-oauth-").FullName;
        var idpUrl = $"http://127.0.0.1:{FreePort.Get()}";
        var gatewayUrl = $"http://127.0.0.1:{FreePort.Get()}";
        await using var upstream = await EchoUpstream.StartAsync();
        var idp = PassportServer.Build([$"--urls={idpUrl}", "--environment=Production", "--contentRoot", dataDirectory], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Passport:Issuer"] = idpUrl,
                ["Passport:DataDirectory"] = dataDirectory,
                ["Passport:DevOutbox"] = "true",
                ["Passport:Audiences:0"] = gatewayUrl,
                ["Logging:LogLevel:Default"] = "Warning",
            }));
        await idp.StartAsync();
        try
        {
            await using var gateway = await GatewayHost.StartAsync(idpUrl, upstream.BaseUrl, s => s["Passport:PublicOrigin"] = gatewayUrl, fixedBaseUrl: gatewayUrl);

            var result = await NodeModules.RunScriptAsync("client-credentials.mjs", [idpUrl, gatewayUrl, "/orders-from-oauth4webapi"]);

            Assert.True(result.ExitCode == 0, result.Output);
            var line = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'));
            var outcome = JsonSerializer.Deserialize<JsonElement>(line);
            Assert.StartsWith("did:key:z6Mk", outcome.GetProperty("did").GetString());
            Assert.Equal("dpop", outcome.GetProperty("tokenType").GetString());
            Assert.Equal(200, outcome.GetProperty("call").GetInt32());
            Assert.Equal(401, outcome.GetProperty("replay").GetInt32());
        }
        finally
        {
            await idp.StopAsync();
            await idp.DisposeAsync();
            TempDirectory.TryDelete(dataDirectory);
        }
    }
}
