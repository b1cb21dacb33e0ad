using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Passport.Core.Encoding;
using Passport.Core.Jose;
using Passport.Core.Tests.Jose;
using Passport.Core.Tests.Support;
using Passport.Core.Tokens;

namespace Passport.Core.Tests.Tokens;

public sealed class PassportTokenValidatorTests : IDisposable
{
    private readonly TokenTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public void Self_identity_token_with_every_seed_claim_is_accepted()
    {
        var result = _ctx.Validator.Validate(_ctx.Issue(_ctx.SelfClaims));
        Assert.True(result.Succeeded, result.Code);
        Assert.Equal("token.valid", result.Code);
        Assert.Equal(TokenTestContext.KeyId, result.KeyId);
        Assert.Equal(_ctx.SelfClaims, result.Claims! with { Scope = null });
        Assert.False(result.Claims!.IsDelegation);
    }

    [Fact]
    public void Delegation_token_with_act_scope_array_and_grant_id_is_accepted()
    {
        var expected = _ctx.DelegationClaims;
        var result = _ctx.Validator.Validate(_ctx.Issue(expected));
        Assert.True(result.Succeeded, result.Code);
        var claims = result.Claims!;
        Assert.True(claims.IsDelegation);
        Assert.Equal(expected.Actor, claims.Actor);
        Assert.Equal(["read:data", "tool:bash"], claims.Scope);
        Assert.Equal("grant-1", claims.GrantId);
        Assert.Equal(expected.Subject, claims.Subject);
        Assert.Equal(_ctx.AgentDid.Thumbprint, claims.Jkt);
    }

    [Fact]
    public void Aud_array_containing_an_accepted_audience_is_accepted()
    {
        var token = _ctx.CraftPayload(p => p["aud"] = new JsonArray("https://elsewhere.test", TokenTestContext.Audience));
        var result = _ctx.Validator.Validate(token);
        Assert.True(result.Succeeded, result.Code);
        Assert.Equal(TokenTestContext.Audience, result.Claims!.Audience);
    }

    [Fact]
    public void Any_of_the_configured_audiences_is_accepted() =>
        Assert.True(_ctx.Validator.Validate(_ctx.CraftPayload(p => p["aud"] = "https://other-rs.test")).Succeeded);

    [Fact]
    public void Token_without_typ_is_accepted() =>
        Assert.True(_ctx.Validator.Validate(_ctx.CraftHeader(h => h.Remove("typ"))).Succeeded);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_token_is_refused(string? token) => AssertRefused(token, TokenErrorCode.Missing, "token.missing");

    [Fact]
    public void Token_longer_than_the_limit_is_refused_before_parsing() =>
        AssertRefused(new string('a', 8193), TokenErrorCode.TooLarge, "token.too_large");

    [Fact]
    public void Token_with_two_parts_is_malformed()
    {
        var token = _ctx.Issue(_ctx.SelfClaims);
        AssertRefused(token[..token.LastIndexOf('.')], TokenErrorCode.Malformed, "token.malformed");
    }

    [Fact]
    public void Token_with_four_parts_is_malformed() =>
        AssertRefused(_ctx.Issue(_ctx.SelfClaims) + ".e30", TokenErrorCode.Malformed, "token.malformed");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Token_part_that_is_not_strict_base64url_is_malformed(int part)
    {
        var parts = _ctx.Issue(_ctx.SelfClaims).Split('.');
        parts[part] = parts[part][..^2] + "+/";
        AssertRefused(string.Join('.', parts), TokenErrorCode.Malformed);
    }

    [Fact]
    public void Padded_signature_is_malformed() =>
        AssertRefused(_ctx.Issue(_ctx.SelfClaims) + "==", TokenErrorCode.Malformed);

    [Fact]
    public void Signature_with_nonzero_unused_bits_is_malformed_not_an_exception()
    {
        var token = _ctx.Issue(_ctx.SelfClaims);
        var last = token[^1];
        AssertRefused(token[..^1] + (last == 'A' ? 'B' : (char)(last + 1)), TokenErrorCode.Malformed);
    }

    [Fact]
    public void Non_json_header_is_malformed() =>
        AssertRefused(Jws.Sign(_ctx.Server, "not json", _ctx.Payload().ToJsonString()), TokenErrorCode.Malformed);

    [Fact]
    public void Non_json_payload_is_malformed() =>
        AssertRefused(Jws.Sign(_ctx.Server, _ctx.Header().ToJsonString(), "not json"), TokenErrorCode.Malformed);

    [Fact]
    public void Json_array_payload_is_malformed() =>
        AssertRefused(Jws.Sign(_ctx.Server, _ctx.Header().ToJsonString(), "[1,2]"), TokenErrorCode.Malformed);

    [Fact]
    public void Json_array_header_is_malformed() =>
        AssertRefused(Jws.Sign(_ctx.Server, "[\"EdDSA\"]", _ctx.Payload().ToJsonString()), TokenErrorCode.Malformed);

    [Fact]
    public void Token_signed_with_the_fully_specified_Ed25519_name_is_accepted() =>
        // RFC 9864 §2.2: verifiers accept both names; the IdP itself still issues "EdDSA" (seeds/004).
        Assert.True(_ctx.Validator.Validate(_ctx.CraftHeader(h => h["alg"] = "Ed25519")).Succeeded);

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("ES256")]
    [InlineData("RS256")]
    [InlineData("eddsa")]
    [InlineData("ed25519")]
    public void Alg_other_than_the_two_names_of_Ed25519_is_refused(string alg) =>
        AssertRefused(_ctx.CraftHeader(h => h["alg"] = alg), TokenErrorCode.UnsupportedAlgorithm, "token.unsupported_alg");

    [Fact]
    public void Missing_alg_is_refused() =>
        AssertRefused(_ctx.CraftHeader(h => h.Remove("alg")), TokenErrorCode.UnsupportedAlgorithm);

    [Fact]
    public void Duplicate_alg_is_refused() =>
        AssertRefused(Jws.Sign(_ctx.Server, "{\"alg\":\"EdDSA\",\"alg\":\"EdDSA\",\"kid\":\"passport-v1\"}", _ctx.Payload().ToJsonString()), TokenErrorCode.UnsupportedAlgorithm);

    [Theory]
    [MemberData(nameof(EdDsaIdentityModelTests.ForeignAlgorithms), MemberType = typeof(EdDsaIdentityModelTests))]
    public void Tokens_made_by_JsonWebTokenHandler_with_other_algorithms_are_refused(string alg)
    {
        var result = _ctx.Validator.Validate(EdDsaIdentityModelTests.ForeignToken(alg));
        Assert.False(result.Succeeded);
        Assert.Contains(result.Error, new[] { TokenErrorCode.UnsupportedAlgorithm, TokenErrorCode.Malformed });
    }

    [Fact]
    public void Missing_kid_is_refused_as_unknown_key() =>
        AssertRefused(_ctx.CraftHeader(h => h.Remove("kid")), TokenErrorCode.UnknownKey, "token.unknown_kid");

    [Fact]
    public void Unknown_kid_is_refused_and_reported_for_a_jwks_refetch()
    {
        var result = _ctx.Validator.Validate(_ctx.CraftHeader(h => h["kid"] = "passport-v2"));
        Assert.Equal(TokenErrorCode.UnknownKey, result.Error);
        Assert.Equal("passport-v2", result.KeyId);
    }

    [Fact]
    public void Non_string_kid_is_malformed() =>
        AssertRefused(_ctx.CraftHeader(h => h["kid"] = 1), TokenErrorCode.Malformed);

    [Fact]
    public void Typ_dpop_jwt_is_refused_as_an_access_token() =>
        AssertRefused(_ctx.CraftHeader(h => h["typ"] = "dpop+jwt"), TokenErrorCode.Malformed);

    [Fact]
    public void Crit_header_is_refused() =>
        AssertRefused(_ctx.CraftHeader(h => h["crit"] = new JsonArray("exp")), TokenErrorCode.Malformed);

    [Fact]
    public void Flipped_byte_in_payload_breaks_the_signature() =>
        AssertRefused(Jws.FlipByte(_ctx.Issue(_ctx.SelfClaims), 1, 10), TokenErrorCode.InvalidSignature, "token.invalid_signature");

    [Fact]
    public void Flipped_byte_in_signature_breaks_the_signature() =>
        AssertRefused(Jws.FlipByte(_ctx.Issue(_ctx.SelfClaims), 2, 5), TokenErrorCode.InvalidSignature);

    [Fact]
    public void Token_signed_by_another_key_under_the_same_kid_is_refused() =>
        AssertRefused(_ctx.Craft(_ctx.Header(), _ctx.Payload(), _ctx.Agent), TokenErrorCode.InvalidSignature);

    [Fact]
    public void Wrong_iss_is_refused() =>
        AssertRefused(_ctx.CraftPayload(p => p["iss"] = "https://evil.test"), TokenErrorCode.InvalidIssuer, "token.invalid_issuer");

    [Fact]
    public void Missing_iss_is_refused() =>
        AssertRefused(_ctx.CraftPayload(p => p.Remove("iss")), TokenErrorCode.InvalidIssuer);

    [Fact]
    public void Wrong_aud_string_is_refused() =>
        AssertRefused(_ctx.CraftPayload(p => p["aud"] = "https://elsewhere.test"), TokenErrorCode.InvalidAudience, "token.invalid_audience");

    [Fact]
    public void Wrong_aud_array_is_refused() =>
        AssertRefused(_ctx.CraftPayload(p => p["aud"] = new JsonArray("https://a.test", "https://b.test")), TokenErrorCode.InvalidAudience);

    [Fact]
    public void Missing_aud_is_refused() =>
        AssertRefused(_ctx.CraftPayload(p => p.Remove("aud")), TokenErrorCode.InvalidAudience);

    [Theory]
    [InlineData("sub")]
    [InlineData("jti")]
    [InlineData("iat")]
    [InlineData("cnf")]
    public void Missing_required_claim_is_refused(string claim) =>
        AssertRefused(_ctx.CraftPayload(p => p.Remove(claim)), TokenErrorCode.InvalidClaims, "token.invalid_claims");

    [Fact]
    public void Missing_cnf_jkt_is_refused() =>
        AssertRefused(_ctx.CraftPayload(p => p["cnf"] = new JsonObject()), TokenErrorCode.InvalidClaims);

    [Fact]
    public void Cnf_jkt_that_is_not_a_thumbprint_is_refused() =>
        AssertRefused(_ctx.CraftPayload(p => p["cnf"] = new JsonObject { ["jkt"] = "short" }), TokenErrorCode.InvalidClaims);

    [Fact]
    public void Iat_as_string_is_refused() =>
        AssertRefused(_ctx.CraftPayload(p => p["iat"] = "1716400000"), TokenErrorCode.InvalidClaims);

    [Fact]
    public void Scope_that_is_not_an_array_is_refused() =>
        AssertRefused(_ctx.CraftPayload(p => p["scope"] = "read:data tool:bash"), TokenErrorCode.InvalidClaims);

    [Fact]
    public void Scope_array_with_a_non_string_is_refused() =>
        AssertRefused(_ctx.CraftPayload(p => p["scope"] = new JsonArray("read:data", 7)), TokenErrorCode.InvalidClaims);

    [Fact]
    public void Act_without_sub_is_refused() =>
        AssertRefused(_ctx.CraftPayload(p => p["act"] = new JsonObject { ["handle"] = "swiftly-golden-fox" }), TokenErrorCode.InvalidClaims);

    [Fact]
    public void Every_error_code_has_a_distinct_stable_code_and_a_description()
    {
        var codes = Enum.GetValues<TokenErrorCode>().Select(TokenErrors.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.StartsWith("token.", c));
        Assert.DoesNotContain("token.invalid", codes);
        Assert.All(Enum.GetValues<TokenErrorCode>(), e => Assert.False(string.IsNullOrEmpty(TokenErrors.Describe(e))));
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Random_text_never_throws(NearlyValidText text)
    {
        Assert.False(_ctx.Validator.Validate(text.Value).Succeeded);
        Assert.False(_ctx.Validator.Validate(text.Value + "." + text.Value + "." + text.Value).Succeeded);
    }

    [Property]
    public void Random_json_header_and_payload_never_throw(string header, string payload)
    {
        var token = Jws.Sign(_ctx.Server, header ?? "", payload ?? "");
        _ctx.Validator.Validate(token);
        _ctx.Validator.Validate(Jws.Sign(_ctx.Server, _ctx.Header().ToJsonString(), payload ?? ""));
    }

    [Fact]
    public async Task JsonWebTokenHandler_accepts_what_the_lean_validator_accepts()
    {
        var token = _ctx.Issue(_ctx.DelegationClaims);
        var parameters = EdDsaIdentityModelTests.Parameters(new EdDsaSecurityKey(_ctx.Server.PublicKey, TokenTestContext.KeyId));
        parameters.ValidIssuer = TokenTestContext.Issuer;
        parameters.ValidAudience = TokenTestContext.Audience;
        var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.True(_ctx.Validator.Validate(token).Succeeded);
    }

    private void AssertRefused(string? token, TokenErrorCode expected, string? code = null)
    {
        var result = _ctx.Validator.Validate(token);
        Assert.Equal(expected, result.Error);
        Assert.False(result.Succeeded);
        Assert.Null(result.Claims);
        if (code is not null) Assert.Equal(code, result.Code);
        if (token is { Length: > 20 }) Assert.DoesNotContain(token, result.Description);
    }
}
