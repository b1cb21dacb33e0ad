using System.Text;
using System.Text.Json;
using Passport.Core.Dpop;
using Passport.Core.Encoding;
using Passport.Core.Keys;
using Passport.Server.Tests.Hosting;
using Xunit;

namespace Passport.Server.Tests.Endpoints;

/// <summary>
/// <c>grant_type=client_credentials</c> with <c>private_key_jwt</c> + DPoP at the form-encoded <c>/auth/token</c>, over
/// real HTTP with the real IdP: the token works at <c>/me</c>, and every refusal of issue 16 §6 has its status and code.
/// </summary>
public sealed class ClientCredentialsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private ServerHost Host => fixture.Host;

    private string TokenUrl => Host.Issuer + "/auth/token";

    [Theory]
    [InlineData("EdDSA", "issuer")]
    [InlineData("Ed25519", "issuer")]
    [InlineData("Ed25519", "token_endpoint")]
    public async Task A_registered_agent_gets_a_dpop_bound_token_that_works(string alg, string aud)
    {
        using var agent = new TestAgent(Host);
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        var assertion = Assertion(agent.Key, agent.Did.Value, aud == "issuer" ? Host.Issuer : TokenUrl, alg: alg);

        var body = await Problem.JsonAsync(await PostAsync(Form(assertion), agent.Proofs.Create("POST", TokenUrl)));

        Assert.Equal("DPoP", body.GetProperty("token_type").GetString());
        agent.Token = body.GetProperty("access_token").GetString();
        var payload = JsonSerializer.Deserialize<JsonElement>(Base64UrlEncoding.Decode(agent.Token!.Split('.')[1]));
        Assert.Equal(agent.Key.PublicJwk.Thumbprint, payload.GetProperty("cnf").GetProperty("jkt").GetString());
        Assert.Equal(agent.Did.Value, payload.GetProperty("sub").GetString());
        Assert.Equal(200, (int)(await agent.SendAsync(HttpMethod.Get, "/me")).StatusCode);
    }

    [Fact]
    public async Task A_reused_assertion_is_401_invalid_client()
    {
        using var agent = new TestAgent(Host);
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        var assertion = Assertion(agent.Key, agent.Did.Value, Host.Issuer);
        (await PostAsync(Form(assertion), agent.Proofs.Create("POST", TokenUrl))).EnsureSuccessStatusCode();

        await AssertInvalidClientAsync(await PostAsync(Form(assertion), agent.Proofs.Create("POST", TokenUrl)));
    }

    public static TheoryData<string> BadAssertions => new()
    {
        "expired", "no_exp", "exp_too_far", "wrong_aud", "other_key", "alg_none", "alg_hs256", "alg_es256", "alg_lowercase", "sub_differs", "no_jti",
        "future_iat", "garbage",
    };

    [Theory]
    [MemberData(nameof(BadAssertions))]
    public async Task A_bad_assertion_is_401_invalid_client(string kind)
    {
        using var agent = new TestAgent(Host);
        using var other = Ed25519KeyPair.Generate();
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        var did = agent.Did.Value;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var assertion = kind switch
        {
            "expired" => Assertion(agent.Key, did, Host.Issuer, exp: now - 120),
            "no_exp" => Assertion(agent.Key, did, Host.Issuer, exp: 0),
            "exp_too_far" => Assertion(agent.Key, did, Host.Issuer, exp: now + 3600),
            "wrong_aud" => Assertion(agent.Key, did, "https://elsewhere.example"),
            "other_key" => Assertion(other, did, Host.Issuer),
            "alg_none" => Assertion(agent.Key, did, Host.Issuer, alg: "none"),
            "alg_hs256" => Assertion(agent.Key, did, Host.Issuer, alg: "HS256"),
            "alg_es256" => Assertion(agent.Key, did, Host.Issuer, alg: "ES256"),
            "alg_lowercase" => Assertion(agent.Key, did, Host.Issuer, alg: "ed25519"),
            "sub_differs" => Assertion(agent.Key, did, Host.Issuer, sub: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"),
            "no_jti" => Assertion(agent.Key, did, Host.Issuer, jti: ""),
            "future_iat" => Assertion(agent.Key, did, Host.Issuer, iat: now + 600),
            _ => "not.a.jws",
        };
        await AssertInvalidClientAsync(await PostAsync(Form(assertion), agent.Proofs.Create("POST", TokenUrl)));
    }

    [Fact]
    public async Task An_unregistered_client_is_401_invalid_client()
    {
        using var agent = new TestAgent(Host);
        await AssertInvalidClientAsync(await PostAsync(Form(Assertion(agent.Key, agent.Did.Value, Host.Issuer)), agent.Proofs.Create("POST", TokenUrl)));
    }

    [Fact]
    public async Task A_proof_by_another_key_is_400_invalid_dpop_proof()
    {
        using var agent = new TestAgent(Host);
        using var other = Ed25519KeyPair.Generate();
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        var response = await PostAsync(Form(Assertion(agent.Key, agent.Did.Value, Host.Issuer)), new DpopProofFactory(other).Create("POST", TokenUrl));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 400, text);
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal("invalid_dpop_proof", body.GetProperty("error").GetString());
        Assert.StartsWith("dpop.", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_missing_proof_is_400_invalid_dpop_proof()
    {
        using var agent = new TestAgent(Host);
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        var body = await Problem.AssertAsync(await PostAsync(Form(Assertion(agent.Key, agent.Did.Value, Host.Issuer)), proof: null), 400, "dpop.missing");
        Assert.Equal("invalid_dpop_proof", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Another_grant_type_is_400_unsupported_grant_type()
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "x" };
        var body = await Problem.AssertAsync(await PostAsync(form, proof: null), 400, "unsupported_grant_type");
        Assert.Equal("unsupported_grant_type", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_missing_grant_type_is_400_invalid_request() =>
        await Problem.AssertAsync(await PostAsync(new Dictionary<string, string> { ["did"] = "x" }, proof: null), 400, "oauth.invalid_request");

    [Fact]
    public async Task A_requested_scope_is_400_invalid_scope()
    {
        using var agent = new TestAgent(Host);
        var form = Form(Assertion(agent.Key, agent.Did.Value, Host.Issuer));
        form["scope"] = "admin";
        await Problem.AssertAsync(await PostAsync(form, agent.Proofs.Create("POST", TokenUrl)), 400, "invalid_scope");
    }

    [Fact]
    public async Task An_unknown_resource_is_400_invalid_target()
    {
        using var agent = new TestAgent(Host);
        var form = Form(Assertion(agent.Key, agent.Did.Value, Host.Issuer));
        form["resource"] = "https://unknown.example/api";
        var body = await Problem.AssertAsync(await PostAsync(form, agent.Proofs.Create("POST", TokenUrl)), 400, "invalid_target");
        Assert.Equal("invalid_target", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Metadata_lists_the_grant_and_private_key_jwt()
    {
        var metadata = await Problem.JsonAsync(await Host.Client.GetAsync("/.well-known/oauth-authorization-server"));
        Assert.Equal(Host.Issuer, metadata.GetProperty("issuer").GetString());
        Assert.Equal(TokenUrl, metadata.GetProperty("token_endpoint").GetString());
        Assert.Contains("client_credentials", Strings(metadata, "grant_types_supported"));
        Assert.Contains("private_key_jwt", Strings(metadata, "token_endpoint_auth_methods_supported"));
        Assert.Equal(["EdDSA", "Ed25519"], Strings(metadata, "token_endpoint_auth_signing_alg_values_supported"));
        Assert.Equal(JsonValueKind.Array, metadata.GetProperty("response_types_supported").ValueKind);
    }

    private static string[] Strings(JsonElement metadata, string name) =>
        [.. metadata.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    private static async Task AssertInvalidClientAsync(HttpResponseMessage response)
    {
        var body = await Problem.AssertAsync(response, 401, "invalid_client");
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    private static Dictionary<string, string> Form(string assertion) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_assertion_type"] = AssertionType,
        ["client_assertion"] = assertion,
    };

    private Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form, string? proof)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token") { Content = new FormUrlEncodedContent(form) };
        if (proof is not null) request.Headers.Add("DPoP", proof);
        return Host.Client.SendAsync(request);
    }

    /// <summary>An RFC 7523 client assertion; <paramref name="exp"/> 0 leaves exp out, null puts it 60 s ahead.</summary>
    private static string Assertion(Ed25519KeyPair key, string clientId, string aud, string alg = "EdDSA", long? exp = null, string? sub = null,
        string? jti = null, long? iat = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = sub ?? clientId,
            ["aud"] = aud,
            ["iat"] = iat ?? now,
        };
        if (exp != 0) claims["exp"] = exp ?? now + 60;
        if (jti != "") claims["jti"] = jti ?? Guid.NewGuid().ToString();
        var header = Base64UrlEncoding.Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg, typ = "JWT" }));
        var payload = Base64UrlEncoding.Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = Base64UrlEncoding.Encode(key.Sign(Encoding.ASCII.GetBytes(header + "." + payload)));
        return header + "." + payload + "." + signature;
    }
}
