using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Passport.Core.Jose;
using Passport.Core.Keys;
using Passport.Gateway.Tests.Infrastructure;

namespace Passport.Gateway.Tests.Issuers;

/// <summary>
/// Tokens of a <c>Passport:Issuers</c> entry through a real gateway (issue 15 §1, Bad input): discovery with the RFC 8414
/// path insertion, ES256/RS256 tokens with a DPoP proof, and each refusal with its code over HTTP — never a 500.
/// </summary>
public sealed class TrustedIssuerTests : IAsyncLifetime
{
    private TestIssuer _idp = null!;
    private ForeignIssuerHost _foreign = null!;
    private EchoUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _idp = await TestIssuer.StartAsync();
        _foreign = await ForeignIssuerHost.StartAsync();
        _upstream = await EchoUpstream.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        await _foreign.DisposeAsync();
        await _idp.DisposeAsync();
    }

    private async Task<GatewayHost> StartGatewayAsync(Action<Dictionary<string, string?>>? configure = null, string expectIssuerState = "ok")
    {
        var gateway = await GatewayHost.StartAsync(_idp.BaseUrl, _upstream.BaseUrl, s =>
        {
            s["Passport:Revocation:Source"] = "None";
            s["Passport:Issuers:0:Name"] = "keycloak";
            s["Passport:Issuers:0:Issuer"] = _foreign.Issuer;
            s["Passport:Issuers:0:Discovery"] = "OAuth";
            s["Passport:Jwks:MinRefetchIntervalSeconds"] = "1";
            s["ReverseProxy:Routes:idp-only:ClusterId"] = "upstream";
            s["ReverseProxy:Routes:idp-only:Match:Path"] = "/idp-only/{**rest}";
            s["ReverseProxy:Routes:idp-only:Metadata:Passport:Issuers"] = "passport";
            s["ReverseProxy:Routes:kc-only:ClusterId"] = "upstream";
            s["ReverseProxy:Routes:kc-only:Match:Path"] = "/kc-only/{**rest}";
            s["ReverseProxy:Routes:kc-only:Metadata:Passport:Issuers"] = "keycloak";
            configure?.Invoke(s);
        });
        await WaitIssuerStateAsync(gateway, expectIssuerState);
        return gateway;
    }

    private static async Task WaitIssuerStateAsync(GatewayHost gateway, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await gateway.Client.GetAsync("/readyz");
            last = await response.Content.ReadAsStringAsync();
            using var json = JsonDocument.Parse(last);
            if (json.RootElement.TryGetProperty("issuers", out var issuers) && issuers.GetProperty("keycloak").GetString() == state) return;
            await Task.Delay(25);
        }
        throw new TimeoutException($"Issuer keycloak never reached '{state}': {last}");
    }

    private string Es256(GatewayHost gateway, TestAgent agent, Action<Dictionary<string, object>>? edit = null) =>
        _foreign.Token(_foreign.EcKey, SecurityAlgorithms.EcdsaSha256, gateway.BaseUrl, agent.Jkt, edit);

    [Theory]
    [InlineData(SecurityAlgorithms.EcdsaSha256)]
    [InlineData(SecurityAlgorithms.RsaSha256)]
    [InlineData("EdDSA")]
    [InlineData("Ed25519")]
    public async Task A_bound_token_of_a_configured_issuer_is_accepted_and_its_claims_become_the_identity_headers(string alg)
    {
        await using var gateway = await StartGatewayAsync(s =>
        {
            s["Passport:Issuers:0:Algorithms:0"] = alg;
        });
        var agent = new TestAgent();
        SecurityKey key = alg switch
        {
            SecurityAlgorithms.EcdsaSha256 => _foreign.EcKey,
            SecurityAlgorithms.RsaSha256 => _foreign.RsaKey,
            _ => _foreign.EdKey,
        };
        var token = _foreign.Token(key, alg, gateway.BaseUrl, agent.Jkt);
        using var response = await agent.SendAsync(gateway, HttpMethod.Get, "/things", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = JsonSerializer.Deserialize<EchoResponse>(await response.Content.ReadAsStringAsync(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal("service-account-agent", echo.Headers["x-passport-sub"]);
        Assert.Equal("read:orders", echo.Headers["x-passport-scope"]);
        Assert.Equal(agent.Jkt, echo.Headers["x-passport-jkt"]);

        // The cache hit answers the same, and the second proof is fresh; a replayed proof is refused as for the IdP's tokens.
        var url = gateway.BaseUrl + "/things";
        var proof = agent.Proof(HttpMethod.Get, url, token);
        using var first = await gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, url, token, proof));
        using var replay = await gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, url, token, proof));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("dpop.replayed", (await Refused.ReadAsync(replay)).Code);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_code_never_a_500()
    {
        await using var gateway = await StartGatewayAsync(s => s["Passport:Issuers:0:Algorithms:0"] = "ES256");
        var agent = new TestAgent();
        var other = new TestAgent();
        var rows = new (string Name, string Token, string Path, HttpStatusCode Status, string Code)[]
        {
            ("issuer not configured", Es256(gateway, agent, c => c["iss"] = "https://elsewhere.example"), "/things", HttpStatusCode.Unauthorized, "token.invalid_issuer"),
            ("alg not listed for the issuer", _foreign.Token(_foreign.RsaKey, SecurityAlgorithms.RsaSha256, gateway.BaseUrl, agent.Jkt), "/things", HttpStatusCode.Unauthorized, "token.unsupported_alg"),
            ("no cnf where binding is required", Es256(gateway, agent, c => c.Remove("cnf")), "/things", HttpStatusCode.Unauthorized, "token.invalid_claims"),
            ("bound to another key", Es256(gateway, other), "/things", HttpStatusCode.Unauthorized, "dpop.jkt_mismatch"),
            ("no exp", Es256(gateway, agent, c => c.Remove("exp")), "/things", HttpStatusCode.Unauthorized, "token.invalid_claims"),
            ("expired", Es256(gateway, agent, c => c["exp"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds()), "/things", HttpStatusCode.Unauthorized, "token.expired"),
            ("another audience", _foreign.Token(_foreign.EcKey, SecurityAlgorithms.EcdsaSha256, "https://other.example", agent.Jkt), "/things", HttpStatusCode.Unauthorized, "token.invalid_audience"),
            ("route allows only the IdP", Es256(gateway, agent), "/idp-only/x", HttpStatusCode.Forbidden, "issuer.not_allowed"),
            ("scope missing on a scoped route", Es256(gateway, agent, c => c["scope"] = "profile"), "/orders", HttpStatusCode.Forbidden, "scope.insufficient"),
        };
        foreach (var row in rows)
        {
            using var response = await agent.SendAsync(gateway, HttpMethod.Get, row.Path, row.Token);
            var refused = await Refused.ReadAsync(response);
            Assert.True(row.Status == response.StatusCode && row.Code == refused.Code, $"{row.Name}: {(int)response.StatusCode} {refused.Code}");
            Assert.NotEmpty(refused.Challenges);
        }
    }

    [Fact]
    public async Task A_token_whose_alg_does_not_fit_its_kid_key_type_is_refused_never_a_500()
    {
        await using var gateway = await StartGatewayAsync(s =>
        {
            s["Passport:Issuers:0:Algorithms:0"] = "EdDSA";
            s["Passport:Issuers:0:Algorithms:1"] = "ES256";
        });
        var agent = new TestAgent();
        var rows = new (string Name, string Token)[]
        {
            // EdDSA header naming the EC key, and ES256 naming the OKP key: each signed by a key of the header's type.
            ("EdDSA on an EC kid", _foreign.Token(new EdDsaSecurityKey(Ed25519KeyPair.Generate(), _foreign.EcKey.KeyId), "EdDSA", gateway.BaseUrl, agent.Jkt)),
            ("ES256 on an OKP kid", _foreign.Token(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = _foreign.EdKey.KeyId }, SecurityAlgorithms.EcdsaSha256, gateway.BaseUrl, agent.Jkt)),
            ("EdDSA signed by another Ed25519 key", _foreign.Token(new EdDsaSecurityKey(Ed25519KeyPair.Generate(), _foreign.EdKey.KeyId), "EdDSA", gateway.BaseUrl, agent.Jkt)),
        };
        foreach (var row in rows)
        {
            using var response = await agent.SendAsync(gateway, HttpMethod.Get, "/things", row.Token);
            var refused = await Refused.ReadAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized && (refused.Code ?? "").StartsWith("token.", StringComparison.Ordinal),
                $"{row.Name}: {(int)response.StatusCode} {refused.Code}");
            Assert.NotEmpty(refused.Challenges);
        }
    }

    [Fact]
    public async Task The_route_allow_list_applies_to_the_idp_too()
    {
        await using var gateway = await StartGatewayAsync();
        var agent = new TestAgent();
        using var idpOnIdpRoute = await agent.SendAsync(gateway, HttpMethod.Get, "/idp-only/x", agent.Token(_idp, gateway.BaseUrl));
        using var idpOnKcRoute = await agent.SendAsync(gateway, HttpMethod.Get, "/kc-only/x", agent.Token(_idp, gateway.BaseUrl));
        using var kcOnKcRoute = await agent.SendAsync(gateway, HttpMethod.Get, "/kc-only/x", Es256(gateway, agent));
        Assert.Equal(HttpStatusCode.OK, idpOnIdpRoute.StatusCode);
        Assert.Equal("issuer.not_allowed", (await Refused.ReadAsync(idpOnKcRoute)).Code);
        Assert.Equal(HttpStatusCode.OK, kcOnKcRoute.StatusCode);
    }

    [Fact]
    public async Task A_jwks_with_mixed_and_malformed_keys_still_serves_its_usable_keys()
    {
        _foreign.ExtraJwksKeys.AddRange(
        [
            "{\"kty\":\"oct\",\"kid\":\"hmac\",\"k\":\"c2VjcmV0\"}",
            "{\"kty\":\"EC\",\"kid\":\"broken\",\"crv\":\"P-256\",\"x\":\"!!\"}",
            "{\"kty\":\"OKP\",\"kid\":\"ed\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
            "{\"kty\":\"RSA\",\"kid\":\"enc\",\"use\":\"enc\",\"n\":\"AQAB\",\"e\":\"AQAB\"}",
            "42",
        ]);
        await using var gateway = await StartGatewayAsync();
        var agent = new TestAgent();
        using var response = await agent.SendAsync(gateway, HttpMethod.Get, "/things", Es256(gateway, agent));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metadata_naming_another_issuer_makes_the_issuer_unusable_and_readyz_says_so()
    {
        _foreign.MetadataIssuer = _foreign.Origin + "/realms/other";
        await using var gateway = await StartGatewayAsync(expectIssuerState: "metadata invalid");
        var agent = new TestAgent();
        using var response = await agent.SendAsync(gateway, HttpMethod.Get, "/things", Es256(gateway, agent));
        var refused = await Refused.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("issuer.metadata_invalid", refused.Code);
        // The IdP's tokens are unaffected and the gateway stays ready.
        using var idp = await agent.SendAsync(gateway, HttpMethod.Get, "/things", agent.Token(_idp, gateway.BaseUrl));
        Assert.Equal(HttpStatusCode.OK, idp.StatusCode);
        using var ready = await gateway.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task While_the_issuer_is_down_cached_keys_serve_and_an_unknown_kid_is_a_401()
    {
        await using var gateway = await StartGatewayAsync();
        var agent = new TestAgent();
        _foreign.Down = true;
        using var known = await agent.SendAsync(gateway, HttpMethod.Get, "/things", Es256(gateway, agent));
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        var stranger = new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256)) { KeyId = "ec-unknown" };
        using var unknown = await agent.SendAsync(gateway, HttpMethod.Get, "/things", _foreign.Token(stranger, SecurityAlgorithms.EcdsaSha256, gateway.BaseUrl, agent.Jkt));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("token.unknown_kid", (await Refused.ReadAsync(unknown)).Code);
    }

    [Fact]
    public async Task Protected_resource_metadata_lists_es256_proofs_and_every_issuer()
    {
        await using var gateway = await StartGatewayAsync();
        using var json = JsonDocument.Parse(await gateway.Client.GetStringAsync("/.well-known/oauth-protected-resource"));
        var algs = json.RootElement.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Contains("ES256", algs);
        Assert.Contains("EdDSA", algs);
        var servers = json.RootElement.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(new string?[] { _idp.BaseUrl, _foreign.Issuer }, servers);
    }

    [Fact]
    public void A_route_list_naming_an_unknown_issuer_or_nothing_is_a_configuration_error()
    {
        var errors = new List<string>();
        var policy = Passport.Gateway.Policies.RoutePolicy.Parse("r", new Dictionary<string, string> { ["Passport:Issuers"] = "passport, okta" }, errors);
        policy.CheckIssuerNames("r", ["keycloak"], errors);
        Assert.Equal(["passport", "okta"], policy.Issuers!);
        Assert.Contains(errors, e => e.Contains("'okta'", StringComparison.Ordinal));
        Assert.Single(errors);
        Passport.Gateway.Policies.RoutePolicy.Parse("r", new Dictionary<string, string> { ["Passport:Issuers"] = " , " }, errors);
        Assert.Equal(2, errors.Count);
        Assert.Null(Passport.Gateway.Policies.RoutePolicy.Parse("r", new Dictionary<string, string> { ["Passport:Scopes"] = "x" }, errors).Issuers);
    }
}
