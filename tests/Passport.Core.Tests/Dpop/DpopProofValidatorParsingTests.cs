using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Xunit;
using Passport.Core.Dpop;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Dpop;

/// <summary>RFC 9449 §4.3 steps 1–3: one well-formed JWT, size limits, strict JSON.</summary>
public sealed class DpopProofValidatorParsingTests : DpopTestBase
{
    [Fact]
    public void Valid_proof_is_accepted_and_returns_what_the_caller_records_for_replay()
    {
        var result = Validate(Proof().Build(), expectedJkt: TestKeys.RfcThumbprint);
        Assert.True(result.Succeeded, result.Code);
        Assert.Equal("dpop.valid", result.Code);
        Assert.Equal(TestKeys.RfcThumbprint, result.Jkt);
        Assert.Equal("e1j3V_bKic8-LAEB", result.Jti);
        Assert.Equal(ProofBuilder.Now, result.IssuedAt);
        Assert.Null(result.Nonce);
    }

    [Fact]
    public void Unknown_header_and_payload_members_are_ignored() =>
        AssertAccepted(Proof().With(p =>
        {
            p.Header["kid"] = "x";
            p.Jwk["use"] = "sig";
            p.Payload["extra"] = new JsonObject { ["nested"] = new JsonArray(1, 2) };
        }).Build());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_proof_is_refused(string? proof) => AssertRefused(proof, DpopErrorCode.Missing);

    [Fact]
    public void Proof_of_64_KB_is_refused_as_too_large_before_parsing()
    {
        // Not even a JWS: if it were parsed it would be Malformed, so TooLarge proves the size check comes first.
        AssertRefused(new string('.', 64 * 1024), DpopErrorCode.TooLarge);
        var valid = Proof().With(p => p.Payload["pad"] = new string('a', 64 * 1024)).Build();
        AssertRefused(valid, DpopErrorCode.TooLarge);
    }

    [Fact]
    public void Proof_one_character_over_the_configured_limit_is_refused()
    {
        var proof = Proof().Build();
        Options.MaxProofLength = proof.Length;
        AssertAccepted(proof);
        Options.MaxProofLength = proof.Length - 1;
        AssertRefused(proof, DpopErrorCode.TooLarge);
    }

    [Fact]
    public void Proof_with_two_parts_is_malformed()
    {
        var proof = Proof().Build();
        AssertRefused(proof[..proof.LastIndexOf('.')], DpopErrorCode.Malformed);
    }

    [Fact]
    public void Proof_with_four_parts_is_malformed() => AssertRefused(Proof().Build() + ".e30", DpopErrorCode.Malformed);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Part_that_is_not_strict_base64url_is_malformed(int part)
    {
        var parts = Proof().Build().Split('.');
        parts[part] = parts[part][..^1] + "=";
        AssertRefused(string.Join('.', parts), DpopErrorCode.Malformed);
    }

    [Fact]
    public void Signature_that_is_not_64_bytes_is_malformed()
    {
        var parts = Proof().Build().Split('.');
        AssertRefused(parts[0] + "." + parts[1] + "." + parts[2][..43], DpopErrorCode.Malformed);
    }

    [Fact]
    public void Signature_with_nonzero_unused_bits_is_malformed_not_an_exception()
    {
        var proof = Proof().Build();
        // 86 characters carry 516 bits for 64 bytes: the last character's low 4 bits must be zero.
        var last = proof[^1];
        var nonCanonical = proof[..^1] + (last == 'A' ? 'B' : (char)(last + 1));
        AssertRefused(nonCanonical, DpopErrorCode.Malformed);
    }

    [Fact]
    public void Non_json_header_is_malformed() =>
        AssertRefused(Jws.Sign(Agent, "{not json", Proof().Payload.ToJsonString()), DpopErrorCode.Malformed);

    [Fact]
    public void Non_json_payload_is_malformed() =>
        AssertRefused(Jws.Sign(Agent, Proof().Header.ToJsonString(), "not json"), DpopErrorCode.Malformed);

    [Fact]
    public void Json_array_payload_is_malformed() =>
        AssertRefused(Jws.Sign(Agent, Proof().Header.ToJsonString(), "[\"jti\"]"), DpopErrorCode.Malformed);

    [Fact]
    public void Trailing_data_after_the_payload_object_is_malformed() =>
        AssertRefused(Jws.Sign(Agent, Proof().Header.ToJsonString(), Proof().Payload.ToJsonString() + "{}"), DpopErrorCode.Malformed);

    [Theory]
    [InlineData("jti", "\"a\"")]
    [InlineData("htm", "\"GET\"")]
    [InlineData("htu", "\"https://api.test/orders\"")]
    [InlineData("iat", "1716400000")]
    public void Duplicate_payload_members_are_refused(string member, string value)
    {
        var payload = Proof().Payload.ToJsonString();
        payload = payload[..^1] + ",\"" + member + "\":" + value + "}";
        AssertRefused(Jws.Sign(Agent, Proof().Header.ToJsonString(), payload), DpopErrorCode.Malformed);
    }

    [Fact]
    public void Duplicate_typ_header_member_is_refused()
    {
        var header = Proof().Header.ToJsonString();
        AssertRefused(Jws.Sign(Agent, header[..^1] + ",\"typ\":\"dpop+jwt\"}", Proof().Payload.ToJsonString()), DpopErrorCode.InvalidType);
    }

    [Fact]
    public void Duplicate_jwk_header_member_is_refused()
    {
        var header = Proof().Header.ToJsonString();
        var jwk = Proof().Jwk.ToJsonString();
        AssertRefused(Jws.Sign(Agent, header[..^1] + ",\"jwk\":" + jwk + "}", Proof().Payload.ToJsonString()), DpopErrorCode.InvalidJwk);
    }

    [Fact]
    public void Crit_header_is_refused() =>
        AssertRefused(Proof().With(p => p.Header["crit"] = new JsonArray("exp")).Build(), DpopErrorCode.Malformed);

    [Fact]
    public void Every_error_code_has_a_distinct_stable_code_and_a_description()
    {
        var codes = Enum.GetValues<DpopErrorCode>().Select(DpopErrors.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.DoesNotContain("dpop.invalid", codes);
        Assert.All(Enum.GetValues<DpopErrorCode>(), e => Assert.False(string.IsNullOrEmpty(DpopErrors.Describe(e))));
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Random_strings_never_throw(NearlyValidText text)
    {
        Assert.False(Validate(text.Value).Succeeded);
        Assert.False(Validate(text.Value + "." + text.Value + "." + text.Value).Succeeded);
    }

    [Property]
    public void Random_bytes_as_header_and_payload_never_throw(byte[] header, byte[] payload, byte[] signature)
    {
        var proof = Passport.Core.Encoding.Base64UrlEncoding.Encode(header) + "." + Passport.Core.Encoding.Base64UrlEncoding.Encode(payload) + "." +
            Passport.Core.Encoding.Base64UrlEncoding.Encode(signature);
        Assert.False(Validate(proof).Succeeded);
    }

    [Property]
    public void Signed_random_json_values_in_any_header_or_payload_member_never_throw(NonEmptyString member, string? value, int number, bool useNumber)
    {
        JsonNode? node = useNumber ? JsonValue.Create(number) : value is null ? new JsonObject { ["k"] = number } : JsonValue.Create(value);
        foreach (var name in new[] { "typ", "alg", "jwk", "kty", "crv", "x", "d", "jti", "htm", "htu", "iat", "ath", "nonce", member.Get })
        {
            var builder = Proof();
            if (name is "kty" or "crv" or "x" or "d") builder.Jwk[name] = node?.DeepClone();
            else if (name is "typ" or "alg" or "jwk") builder.Header[name] = node?.DeepClone();
            else builder.Payload[name] = node?.DeepClone();
            Validate(builder.Build(), accessToken: "t", expectedJkt: TestKeys.RfcThumbprint, expectedNonce: "n");
        }
    }
}
