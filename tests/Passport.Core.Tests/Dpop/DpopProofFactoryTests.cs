using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using Passport.Core.Dpop;
using Passport.Core.Encoding;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Dpop;

public sealed class DpopProofFactoryTests : IDisposable
{
    private readonly Passport.Core.Keys.Ed25519KeyPair _agent = TestKeys.Rfc();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(ProofBuilder.Now));

    public void Dispose() => _agent.Dispose();

    [Fact]
    public void Header_has_typ_alg_and_the_public_jwk_only()
    {
        var (header, _) = Decode(new DpopProofFactory(_agent, _time).Create("GET", "https://api.test/orders"));
        Assert.Equal("dpop+jwt", header.GetProperty("typ").GetString());
        Assert.Equal("EdDSA", header.GetProperty("alg").GetString());
        var jwk = header.GetProperty("jwk");
        Assert.Equal("OKP", jwk.GetProperty("kty").GetString());
        Assert.Equal("Ed25519", jwk.GetProperty("crv").GetString());
        Assert.Equal(TestKeys.RfcX, jwk.GetProperty("x").GetString());
        Assert.False(jwk.TryGetProperty("d", out _));
    }

    [Fact]
    public void Payload_has_jti_htm_htu_and_iat()
    {
        var (_, payload) = Decode(new DpopProofFactory(_agent, _time).Create("POST", "https://api.test/auth/token"));
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("jti").GetString()));
        Assert.Equal("POST", payload.GetProperty("htm").GetString());
        Assert.Equal("https://api.test/auth/token", payload.GetProperty("htu").GetString());
        Assert.Equal(JsonValueKind.Number, payload.GetProperty("iat").ValueKind);
        Assert.False(payload.TryGetProperty("ath", out _));
        Assert.False(payload.TryGetProperty("nonce", out _));
    }

    [Fact]
    public void Each_proof_has_a_fresh_random_jti()
    {
        var factory = new DpopProofFactory(_agent, _time);
        var jtis = Enumerable.Range(0, 100).Select(_ => Decode(factory.Create("GET", "https://api.test/")).Payload.GetProperty("jti").GetString()).ToList();
        Assert.Equal(100, jtis.Distinct().Count());
        Assert.All(jtis, j => Assert.Equal(16, Base64UrlEncoding.Decode(j!).Length));
    }

    [Fact]
    public void Explicit_jti_is_used()
    {
        var (_, payload) = Decode(new DpopProofFactory(_agent, _time).Create("GET", "https://api.test/", jti: "my-jti"));
        Assert.Equal("my-jti", payload.GetProperty("jti").GetString());
    }

    [Theory]
    [InlineData("https://api.test/orders?page=2", "https://api.test/orders")]
    [InlineData("https://api.test/orders#frag", "https://api.test/orders")]
    [InlineData("https://api.test/orders?a=1#b", "https://api.test/orders")]
    public void Htu_strips_query_and_fragment(string uri, string expected) =>
        Assert.Equal(expected, Decode(new DpopProofFactory(_agent, _time).Create("GET", uri)).Payload.GetProperty("htu").GetString());

    [Fact]
    public void Ath_is_the_rfc9449_hash_of_the_access_token()
    {
        // RFC 9449 §7.1 example: the access token and its ath.
        const string token = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
        Assert.Equal("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo", AccessTokenHash.Compute(token));
        var (_, payload) = Decode(new DpopProofFactory(_agent, _time).Create("GET", "https://api.test/", accessToken: token));
        Assert.Equal("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo", payload.GetProperty("ath").GetString());
    }

    [Fact]
    public void Nonce_is_included_when_given()
    {
        var (_, payload) = Decode(new DpopProofFactory(_agent, _time).Create("GET", "https://api.test/", nonce: "eyJ7S_zG.eyJH0-Z.HX4w-7v"));
        Assert.Equal("eyJ7S_zG.eyJH0-Z.HX4w-7v", payload.GetProperty("nonce").GetString());
    }

    [Fact]
    public void Iat_comes_from_the_time_provider()
    {
        var factory = new DpopProofFactory(_agent, _time);
        Assert.Equal(ProofBuilder.Now, Decode(factory.Create("GET", "https://api.test/")).Payload.GetProperty("iat").GetInt64());
        _time.Advance(TimeSpan.FromSeconds(90.9));
        Assert.Equal(ProofBuilder.Now + 90, Decode(factory.Create("GET", "https://api.test/")).Payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public void Proof_signature_verifies_with_the_agent_key()
    {
        var proof = new DpopProofFactory(_agent, _time).Create("GET", "https://api.test/");
        var parts = proof.Split('.');
        Assert.True(Passport.Core.Keys.Ed25519Verifier.Verify(_agent.PublicKey,
            System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64UrlEncoding.Decode(parts[2])));
    }

    [Fact]
    public void Factory_proof_with_ath_and_nonce_passes_the_validator()
    {
        const string token = "eyJhbGciOiJFZERTQSJ9.e30.sig";
        var proof = new DpopProofFactory(_agent, _time).Create("PUT", "https://API.test:443/orders/7?x=1", accessToken: token, nonce: "n");
        var validator = new DpopProofValidator(new DpopProofValidationOptions { RequireAth = true }, _time);
        var result = validator.Validate(new DpopProofContext(proof, "PUT", "https://api.test/orders/7", token, TestKeys.RfcThumbprint, "n"));
        Assert.True(result.Succeeded, result.Code);
    }

    private static (JsonElement Header, JsonElement Payload) Decode(string proof)
    {
        var parts = proof.Split('.');
        Assert.Equal(3, parts.Length);
        return (JsonDocument.Parse(Base64UrlEncoding.Decode(parts[0])).RootElement, JsonDocument.Parse(Base64UrlEncoding.Decode(parts[1])).RootElement);
    }
    [Theory]
    [InlineData("GET", "https://api.test/a\"b", null, null)]
    [InlineData("GET", "https://api.test/café", null, null)]
    [InlineData("GET", "https://api.test/", "n\\once", null)]
    [InlineData("GET", "https://api.test/", "nönce", "j\u0001ti")]
    [InlineData("MÉTHOD", "https://api.test/", null, "\"jti\"")]
    public void Values_that_need_json_escaping_round_trip(string method, string uri, string? nonce, string? jti)
    {
        var (_, payload) = Decode(new DpopProofFactory(_agent, _time).Create(method, uri, accessToken: "t", nonce: nonce, jti: jti));
        Assert.Equal(method, payload.GetProperty("htm").GetString());
        Assert.Equal(uri, payload.GetProperty("htu").GetString());
        Assert.Equal(AccessTokenHash.Compute("t"), payload.GetProperty("ath").GetString());
        if (nonce is not null) Assert.Equal(nonce, payload.GetProperty("nonce").GetString());
        if (jti is not null) Assert.Equal(jti, payload.GetProperty("jti").GetString());
    }

    [Fact]
    public void Ath_follows_the_token_when_tokens_alternate()
    {
        var factory = new DpopProofFactory(_agent, _time);
        foreach (var token in new[] { "token-a", "token-b", "token-a", new string("token-a".ToCharArray()), "token-b" })
        {
            Assert.Equal(AccessTokenHash.Compute(token), Decode(factory.Create("GET", "https://api.test/", accessToken: token)).Payload.GetProperty("ath").GetString());
        }
    }

    [Fact]
    public void Concurrent_proofs_with_two_tokens_each_carry_their_own_ath()
    {
        var factory = new DpopProofFactory(_agent, _time);
        Parallel.For(0, 2000, i =>
        {
            var token = i % 2 == 0 ? "token-even" : "token-odd";
            var ath = Decode(factory.Create("GET", "https://api.test/", accessToken: token)).Payload.GetProperty("ath").GetString();
            Assert.Equal(AccessTokenHash.Compute(token), ath);
        });
    }

    [Property]
    public void Any_printable_values_round_trip_and_validate(NonNull<string> method, NonNull<string> path, NonNull<string> nonce)
    {
        if (HasLoneSurrogate(method.Get) || HasLoneSurrogate(path.Get) || HasLoneSurrogate(nonce.Get)) return; // not UTF-16 text
        var uri = "https://api.test/" + path.Get.Replace("?", "", StringComparison.Ordinal).Replace("#", "", StringComparison.Ordinal);
        var proof = new DpopProofFactory(_agent, _time).Create(method.Get, uri, nonce: nonce.Get);
        var (_, payload) = Decode(proof);
        Assert.Equal(method.Get, payload.GetProperty("htm").GetString());
        Assert.Equal(uri, payload.GetProperty("htu").GetString());
        Assert.Equal(nonce.Get, payload.GetProperty("nonce").GetString());
    }

    private static bool HasLoneSurrogate(string s) => System.Text.Unicode.Utf8.FromUtf16(s, new byte[s.Length * 3 + 4], out _, out _, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done;
}
