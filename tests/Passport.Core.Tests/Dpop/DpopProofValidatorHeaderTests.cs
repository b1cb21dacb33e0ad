using System.Text.Json.Nodes;
using Passport.Core.Dpop;
using Passport.Core.Encoding;
using Passport.Core.Identity;
using Passport.Core.Keys;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Dpop;

/// <summary>RFC 9449 §4.3 steps 4–7: typ, alg, jwk and the signature.</summary>
public sealed class DpopProofValidatorHeaderTests : DpopTestBase
{
    [Fact]
    public void Typ_JWT_is_refused() => AssertRefused(Proof().With(p => p.Header["typ"] = "JWT").Build(), DpopErrorCode.InvalidType);

    [Fact]
    public void Missing_typ_is_refused() => AssertRefused(Proof().With(p => p.Header.Remove("typ")).Build(), DpopErrorCode.InvalidType);

    [Fact]
    public void Non_string_typ_is_refused() => AssertRefused(Proof().With(p => p.Header["typ"] = 1).Build(), DpopErrorCode.InvalidType);

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS256")]
    [InlineData("ES256")]
    [InlineData("eddsa")]
    [InlineData("ed25519")]
    [InlineData("ED25519")]
    [InlineData("Ed448")]
    [InlineData("EdDSA ")]
    public void Alg_other_than_the_two_names_of_Ed25519_is_refused(string alg) =>
        AssertRefused(Proof().With(p => p.Header["alg"] = alg).Build(), DpopErrorCode.UnsupportedAlgorithm);

    [Theory]
    [InlineData("EdDSA")]
    [InlineData("Ed25519")]
    public void Both_names_of_Ed25519_are_accepted(string alg)
    {
        // RFC 9864 §2.2: jose 6 and oauth4webapi 3 sign with the fully-specified "Ed25519"; seeds/004 with "EdDSA".
        var result = Validate(Proof().With(p => p.Header["alg"] = alg).Build());
        Assert.True(result.Succeeded, result.Code);
    }

    [Fact]
    public void Missing_alg_is_refused() => AssertRefused(Proof().With(p => p.Header.Remove("alg")).Build(), DpopErrorCode.UnsupportedAlgorithm);

    [Fact]
    public void Missing_jwk_is_refused() => AssertRefused(Proof().With(p => p.Header.Remove("jwk")).Build(), DpopErrorCode.InvalidJwk);

    [Fact]
    public void Jwk_that_is_not_an_object_is_refused() =>
        AssertRefused(Proof().With(p => p.Header["jwk"] = TestKeys.RfcX).Build(), DpopErrorCode.InvalidJwk);

    [Fact]
    public void Jwk_with_private_part_d_is_refused() =>
        AssertRefused(Proof().With(p => p.Jwk["d"] = TestKeys.RfcD).Build(), DpopErrorCode.PrivateKeyInJwk);

    [Fact]
    public void Jwk_kty_EC_is_refused() =>
        AssertRefused(Proof().With(p =>
        {
            p.Jwk["kty"] = "EC";
            p.Jwk["crv"] = "P-256";
            p.Jwk["y"] = TestKeys.RfcX;
        }).Build(), DpopErrorCode.InvalidJwk);

    [Fact]
    public void Jwk_crv_X25519_is_refused() => AssertRefused(Proof().With(p => p.Jwk["crv"] = "X25519").Build(), DpopErrorCode.InvalidJwk);

    [Theory]
    [InlineData("kty")]
    [InlineData("crv")]
    [InlineData("x")]
    public void Jwk_missing_a_required_member_is_refused(string member) =>
        AssertRefused(Proof().With(p => p.Jwk.Remove(member)).Build(), DpopErrorCode.InvalidJwk);

    [Theory]
    [InlineData("kty")]
    [InlineData("crv")]
    [InlineData("x")]
    public void Jwk_member_with_a_number_value_is_refused(string member) =>
        AssertRefused(Proof().With(p => p.Jwk[member] = 1).Build(), DpopErrorCode.InvalidJwk);

    [Theory]
    [InlineData("kty")]
    [InlineData("crv")]
    public void Jwk_member_with_an_object_value_is_refused(string member) =>
        AssertRefused(Proof().With(p => p.Jwk[member] = new JsonObject { ["a"] = 1 }).Build(), DpopErrorCode.InvalidJwk);

    [Theory]
    [InlineData("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR")]
    [InlineData("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURoA")]
    [InlineData("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Jwk_x_of_wrong_length_is_refused(string x) =>
        AssertRefused(Proof().With(p => p.Jwk["x"] = x).Build(), DpopErrorCode.InvalidJwk);

    [Fact]
    public void Jwk_x_with_json_escapes_is_refused() =>
        AssertRefused(Jws.Sign(Agent,
            "{\"typ\":\"dpop+jwt\",\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"\\u0031" + TestKeys.RfcX[1..] + "\"}}",
            Proof().Payload.ToJsonString()), DpopErrorCode.InvalidJwk);

    [Fact]
    public void Signature_by_another_key_is_refused()
    {
        using var other = TestKeys.Other();
        AssertRefused(Proof().Build(signer: other), DpopErrorCode.InvalidSignature);
    }

    [Fact]
    public void Flipped_byte_in_payload_breaks_the_signature() =>
        AssertRefused(Jws.FlipByte(Proof().Build(), 1, 3), DpopErrorCode.InvalidSignature);

    [Fact]
    public void Flipped_byte_in_signature_breaks_the_signature() =>
        AssertRefused(Jws.FlipByte(Proof().Build(), 2, 0), DpopErrorCode.InvalidSignature);

    [Fact]
    public void Jwk_of_the_seed_sample_did_which_is_not_a_curve_point_is_refused_without_throwing()
    {
        var x = Base64UrlEncoding.Encode(Base58Btc.Decode(TestKeys.SeedSampleDid.AsSpan(DidKey.Prefix.Length))[2..]);
        AssertRefused(Proof().With(p => p.Jwk["x"] = x).Build(), DpopErrorCode.InvalidSignature);
    }

    [Fact]
    public void Proof_made_by_the_factory_for_another_agent_validates_with_that_agents_thumbprint()
    {
        using var other = Ed25519KeyPair.Generate();
        var proof = new DpopProofFactory(other, Time).Create("GET", ProofBuilder.Uri);
        var result = Validate(proof, expectedJkt: other.PublicJwk.Thumbprint);
        Assert.True(result.Succeeded, result.Code);
        Assert.Equal(other.PublicJwk.Thumbprint, result.Jkt);
    }
}
