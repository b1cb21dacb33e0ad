using System.Text.Json;
using Passport.Gateway.Tests.Infrastructure;
using Passport.Testing;
using Passport.Testing.Node;

namespace Passport.Gateway.Tests.EndToEnd;

/// <summary>
/// Issue 15 §1 interop with an independent authorization server: oidc-provider (tests/interop-node/oidc-provider-issuer.mjs,
/// started here on loopback and stopped by its PID) issues RFC 9068 ES256 JWT access tokens, DPoP-bound, through
/// client_credentials; oauth4webapi (foreign-issuer-client.mjs) gets one with its own ES256 key and calls the real gateway,
/// which knows oidc-provider only as a <c>Passport:Issuers</c> entry (OpenID discovery, <c>Auto</c>). Checked: fresh
/// proofs accepted, the replayed request refused, a proof from another key refused, a route whose allow-list names only
/// the Passport IdP refused, a token whose <c>exp</c> has passed refused; and an EdDSA-signed token from the same server,
/// bound to an Ed25519 key, accepted with fresh proofs and its replay refused.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ForeignIssuerInteropTests
{
    [Fact]
    public async Task Oidc_provider_tokens_pass_the_gateway_with_the_same_guarantees()
    {
        await using var idp = await TestIssuer.StartAsync();
        await using var upstream = await EchoUpstream.StartAsync();
        var gatewayUrl = $"http://127.0.0.1:{FreePort.Get()}";
        var port = FreePort.Get();
        var issuer = $"http://127.0.0.1:{port}";
        await using var provider = await NodeModules.StartScriptAsync("oidc-provider-issuer.mjs", [port.ToString(System.Globalization.CultureInfo.InvariantCulture), gatewayUrl]);
        try
        {
            await provider.WaitForHttpAsync(issuer + "/.well-known/openid-configuration", TimeSpan.FromSeconds(30));
            await using var gateway = await GatewayHost.StartAsync(idp.BaseUrl, upstream.BaseUrl, s =>
            {
                s["Passport:Revocation:Source"] = "None";
                s["Passport:Issuers:0:Name"] = "oidc-provider";
                s["Passport:Issuers:0:Issuer"] = issuer;
                s["Passport:Issuers:0:ClockSkewSeconds"] = "0";
                s["Passport:Issuers:0:Algorithms:0"] = "ES256";
                s["Passport:Issuers:0:Algorithms:1"] = "EdDSA";
                s["ReverseProxy:Routes:idp-only:ClusterId"] = "upstream";
                s["ReverseProxy:Routes:idp-only:Match:Path"] = "/idp-only/{**rest}";
                s["ReverseProxy:Routes:idp-only:Metadata:Passport:Issuers"] = "passport";
            }, fixedBaseUrl: gatewayUrl);
            await WaitIssuerLoadedAsync(gateway);

            var result = await NodeModules.RunScriptAsync("foreign-issuer-client.mjs", [issuer, gatewayUrl]);

            Assert.True(result.ExitCode == 0, result.Output + provider.Output);
            var line = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'));
            var outcome = JsonSerializer.Deserialize<JsonElement>(line);
            Assert.True(outcome.GetProperty("tokenType").GetString() is "dpop" or "DPoP", line);
            Assert.Equal("ES256", outcome.GetProperty("alg").GetString());
            Assert.True(outcome.GetProperty("bound").GetBoolean(), line);
            foreach (var fresh in outcome.GetProperty("fresh").EnumerateArray()) Assert.True(fresh.GetProperty("status").GetInt32() == 200, line);
            AssertRefused(outcome, "replay", 401, "dpop.replayed", line);
            AssertRefused(outcome, "otherKey", 401, "dpop.jkt_mismatch", line);
            AssertRefused(outcome, "notAllowed", 403, "issuer.not_allowed", line);
            AssertRefused(outcome, "expired", 401, "token.expired", line);

            var eddsa = outcome.GetProperty("eddsa");
            Assert.Equal("EdDSA", eddsa.GetProperty("alg").GetString());
            Assert.True(eddsa.GetProperty("proofAlg").GetString() is "EdDSA" or "Ed25519", line);
            foreach (var fresh in eddsa.GetProperty("fresh").EnumerateArray()) Assert.True(fresh.GetProperty("status").GetInt32() == 200, line);
            AssertRefused(eddsa, "replay", 401, "dpop.replayed", line);
        }
        finally
        {
            await provider.StopAsync();
        }
    }

    private static void AssertRefused(JsonElement outcome, string name, int status, string code, string line)
    {
        var refusal = outcome.GetProperty(name);
        Assert.True(refusal.GetProperty("status").GetInt32() == status && refusal.GetProperty("code").GetString() == code, $"{name}: {line}");
    }

    private static async Task WaitIssuerLoadedAsync(GatewayHost gateway)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = await gateway.Client.GetStringAsync("/readyz");
            if (last.Contains("\"oidc-provider\":\"ok\"", StringComparison.Ordinal)) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("oidc-provider's keys never loaded: " + last);
    }
}
