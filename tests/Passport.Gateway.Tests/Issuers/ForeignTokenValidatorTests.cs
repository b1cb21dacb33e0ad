using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Passport.Core.Tokens;
using Passport.Gateway.Configuration;
using Passport.Gateway.Tokens.Issuers;

namespace Passport.Gateway.Tests.Issuers;

/// <summary>
/// Tokens from a configured issuer (issue 15 §1, Bad input): ES256/RS256 accepted per the entry, everything else refused
/// with the check that failed, never an exception. Tokens are signed here with Microsoft.IdentityModel as an RFC 9068
/// issuer would; the interop test against oidc-provider is the end-to-end counterpart.
/// </summary>
public sealed class ForeignTokenValidatorTests
{
    private const string Issuer = "https://kc.example/realms/agents";
    private const string Audience = "https://api.example";
    private const string Jkt = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
    private static readonly long Now = 1_760_000_000;

    private static readonly ECDsaSecurityKey Es256Key = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec-1" };
    private static readonly RsaSecurityKey Rs256Key = new(RSA.Create(2048)) { KeyId = "rsa-1" };
    private static readonly ECDsaSecurityKey OtherEcKey = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec-1" };

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(Now));

    private static string Jwks(params SecurityKey[] keys) => JsonSerializer.Serialize(new
    {
        keys = keys.Select(k =>
        {
            var jwk = k is ECDsaSecurityKey ec ? JsonWebKeyConverter.ConvertFromECDsaSecurityKey(ec) : JsonWebKeyConverter.ConvertFromRSASecurityKey((RsaSecurityKey)k);
            return jwk.Kty == "EC"
                ? (object)new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", crv = jwk.Crv, x = jwk.X, y = jwk.Y }
                : new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", n = jwk.N, e = jwk.E };
        }),
    });

    private static ForeignJwks Keys => ForeignJwks.TryParse(Jwks(Es256Key, Rs256Key))!;

    private static Dictionary<string, object> Claims(Action<Dictionary<string, object>>? edit = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = "service-account-agent",
            ["client_id"] = "agent",
            ["scope"] = "orders:read orders:write",
            ["iat"] = Now,
            ["exp"] = Now + 300,
            ["jti"] = "t-1",
            ["cnf"] = new Dictionary<string, object> { ["jkt"] = Jkt },
        };
        edit?.Invoke(claims);
        return claims;
    }

    private static string Token(SecurityKey key, string alg, Action<Dictionary<string, object>>? edit = null) => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
        new SecurityTokenDescriptor { Claims = Claims(edit), SigningCredentials = new SigningCredentials(key, alg), TokenType = "at+jwt" });

    private ForeignTokenValidator Validator(Action<IssuerSettings>? edit = null)
    {
        var settings = new IssuerSettings { Name = "keycloak", Issuer = Issuer };
        edit?.Invoke(settings);
        return new ForeignTokenValidator(settings, [Audience], _time);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.EcdsaSha256)]
    [InlineData(SecurityAlgorithms.RsaSha256)]
    public async Task A_bound_token_of_a_listed_algorithm_is_accepted_with_rfc9068_claims(string alg)
    {
        var result = await Validator().ValidateAsync(Token(alg == "ES256" ? Es256Key : Rs256Key, alg), Keys);
        Assert.True(result.Succeeded, result.Error.ToString());
        var claims = result.Claims!;
        Assert.Equal(("keycloak", Issuer, "service-account-agent", "agent", "orders:read orders:write", Jkt, Now + 300),
            (claims.IssuerName, claims.Issuer, claims.Subject, claims.ClientId, claims.Scope, claims.Jkt, claims.ExpiresAt));
    }

    [Fact]
    public async Task Ps256_and_es384_need_listing()
    {
        var token = Token(Rs256Key, SecurityAlgorithms.RsaSsaPssSha256);
        Assert.Equal(TokenErrorCode.UnsupportedAlgorithm, (await Validator().ValidateAsync(token, Keys)).Error);
        Assert.True((await Validator(s => s.Algorithms = ["PS256"]).ValidateAsync(token, Keys)).Succeeded);
    }

    [Fact]
    public async Task Scp_arrays_and_actors_map_through_the_claim_settings()
    {
        var token = Token(Es256Key, "ES256", c =>
        {
            c["scp"] = new[] { "a", "b" };
            c["act"] = new Dictionary<string, object> { ["sub"] = "orchestrator" };
        });
        var result = await Validator(s => s.Claims.Scope = "scp").ValidateAsync(token, Keys);
        Assert.Equal(("a b", "orchestrator"), (result.Claims!.Scope, result.Claims.Actor));
    }

    public static TheoryData<string, Func<string>, Action<IssuerSettings>?, TokenErrorCode> BadTokens => new()
    {
        { "not a JWT", () => "garbage", null, TokenErrorCode.Malformed },
        { "alg none", () => new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(Claims())), null, TokenErrorCode.UnsupportedAlgorithm },
        { "HS256", () => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor { Claims = Claims(), SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]) { KeyId = "ec-1" }, "HS256") }), null, TokenErrorCode.UnsupportedAlgorithm },
        { "alg not listed for the issuer", () => Token(Rs256Key, "RS256"), s => s.Algorithms = ["ES256"], TokenErrorCode.UnsupportedAlgorithm },
        { "unknown kid", () => Token(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec-9" }, "ES256"), null, TokenErrorCode.UnknownKey },
        { "signed by another key with the same kid", () => Token(OtherEcKey, "ES256"), null, TokenErrorCode.InvalidSignature },
        { "ES256 header on the RSA kid", () => Token(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "rsa-1" }, "ES256"), null, TokenErrorCode.InvalidSignature },
        { "another issuer", () => Token(Es256Key, "ES256", c => c["iss"] = "https://evil.example"), null, TokenErrorCode.InvalidIssuer },
        { "another audience", () => Token(Es256Key, "ES256", c => c["aud"] = "https://other.example"), null, TokenErrorCode.InvalidAudience },
        { "no exp", () => Token(Es256Key, "ES256", c => c.Remove("exp")), null, TokenErrorCode.InvalidClaims },
        { "expired", () => Token(Es256Key, "ES256", c => c["exp"] = Now - 61), null, TokenErrorCode.Expired },
        { "not yet valid", () => Token(Es256Key, "ES256", c => c["nbf"] = Now + 61), null, TokenErrorCode.NotYetValid },
        { "no cnf when binding is required", () => Token(Es256Key, "ES256", c => c.Remove("cnf")), null, TokenErrorCode.InvalidClaims },
        { "cnf.jkt malformed", () => Token(Es256Key, "ES256", c => c["cnf"] = new Dictionary<string, object> { ["jkt"] = "short" }), null, TokenErrorCode.InvalidClaims },
        { "cnf not an object", () => Token(Es256Key, "ES256", c => c["cnf"] = "x"), s => s.RequireDpop = false, TokenErrorCode.InvalidClaims },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Bad_tokens_are_refused_with_the_check_that_failed(string why, Func<string> token, Action<IssuerSettings>? settings, TokenErrorCode expected)
    {
        var result = await Validator(settings).ValidateAsync(token(), Keys);
        Assert.True(result.Error == expected, $"{why}: {result.Error}");
        Assert.Null(result.Claims);
    }

    [Fact]
    public async Task An_unbound_token_passes_only_when_binding_is_not_required()
    {
        var token = Token(Es256Key, "ES256", c => c.Remove("cnf"));
        var result = await Validator(s => s.RequireDpop = false).ValidateAsync(token, Keys);
        Assert.True(result.Succeeded);
        Assert.Null(result.Claims!.Jkt);
    }

    [Fact]
    public async Task No_keys_loaded_is_unknown_key()
    {
        Assert.Equal(TokenErrorCode.UnknownKey, (await Validator().ValidateAsync(Token(Es256Key, "ES256"), null)).Error);
    }

    [Fact]
    public void A_jwks_with_mixed_and_malformed_keys_keeps_only_usable_signing_keys()
    {
        var ec = JsonSerializer.Deserialize<JsonElement>(Jwks(Es256Key)).GetProperty("keys")[0];
        var json = $$"""
            {"keys":[
              {{ec}},
              {"kty":"oct","kid":"hmac","k":"AAAA"},
              {"kty":"EC","kid":"enc","use":"enc","crv":"P-256","x":"{{ec.GetProperty("x")}}","y":"{{ec.GetProperty("y")}}"},
              {"kty":"EC","kid":"no-y","crv":"P-256","x":"{{ec.GetProperty("x")}}"},
              {"kty":"RSA","kid":"no-n","e":"AQAB"},
              {"kty":"OKP","kid":"ed","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
              {"kty":"OKP","kid":"ed-short","crv":"Ed25519","x":"11qYAYKx"},
              {"kty":"OKP","kid":"x448","crv":"X448","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
              {"kty":"OKP","kid":"ed-enc","use":"enc","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
              {"kty":"EC","crv":"P-256","x":"{{ec.GetProperty("x")}}","y":"{{ec.GetProperty("y")}}"},
              {"kty":"EC","kid":"ec-1","crv":"P-256","x":"AAAA","y":"AAAA"}
            ]}
            """;
        var keys = ForeignJwks.TryParse(json);
        Assert.NotNull(keys);
        Assert.Equal(["ec-1", "ed"], keys.KeyIds.Order());
        Assert.Null(ForeignJwks.TryParse("{\"keys\": 5"));
        Assert.Null(ForeignJwks.TryParse("[]"));
    }
}
