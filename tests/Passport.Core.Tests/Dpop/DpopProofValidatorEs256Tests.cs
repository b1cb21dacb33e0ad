using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Passport.Core.Dpop;
using Passport.Core.Encoding;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Dpop;

/// <summary>
/// ES256 proofs (issue 15 §1, RFC 9449 §4.2, RFC 7518 §3.4): accepted only when enabled, <c>alg</c> must match the
/// <c>jwk</c>, the thumbprint is RFC 7638 over crv, kty, x, y, and every claim rule is the EdDSA one.
/// </summary>
public sealed class DpopProofValidatorEs256Tests : DpopTestBase
{
    // One agent key for the class: ECDsa instances are safe for concurrent verification and signing here.
    private static readonly ECDsa EcKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly DpopProofValidator _es256;

    public DpopProofValidatorEs256Tests()
    {
        _es256 = new DpopProofValidator(new DpopProofValidationOptions { AcceptEs256 = true }, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ProofBuilder.Now)));
    }

    private static JsonObject EcJwk(ECDsa key)
    {
        var p = key.ExportParameters(false);
        return new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64UrlEncoding.Encode(p.Q.X!), ["y"] = Base64UrlEncoding.Encode(p.Q.Y!) };
    }

    /// <summary>An ES256 proof for the test request, header and payload editable, signed by <paramref name="signer"/> (default the jwk's key).</summary>
    private string Es256Proof(Action<JsonObject, JsonObject>? edit = null, ECDsa? signer = null, DSASignatureFormat format = DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
    {
        var header = new JsonObject { ["typ"] = "dpop+jwt", ["alg"] = "ES256", ["jwk"] = EcJwk(EcKey) };
        var payload = new JsonObject { ["jti"] = Guid.NewGuid().ToString("N"), ["htm"] = ProofBuilder.Method, ["htu"] = ProofBuilder.Uri, ["iat"] = ProofBuilder.Now };
        edit?.Invoke(header, payload);
        var signingInput = Jws.Encode(header.ToJsonString()) + "." + Jws.Encode(payload.ToJsonString());
        var signature = (signer ?? EcKey).SignData(System.Text.Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, format);
        return signingInput + "." + Base64UrlEncoding.Encode(signature);
    }

    private static string Rfc7638(ECDsa key)
    {
        var jwk = EcJwk(key);
        var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{jwk["x"]}\",\"y\":\"{jwk["y"]}\"}}";
        return Base64UrlEncoding.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
    }

    private DpopProofResult Es256(string proof, string? expectedJkt = null, string? accessToken = null, string method = ProofBuilder.Method) =>
        _es256.Validate(new DpopProofContext(proof, method, ProofBuilder.Uri, accessToken, expectedJkt, null));

    [Fact]
    public void An_es256_proof_is_accepted_with_the_rfc7638_thumbprint_of_its_ec_key()
    {
        var result = Es256(Es256Proof(), expectedJkt: Rfc7638(EcKey));
        Assert.True(result.Succeeded, result.Code);
        Assert.Equal(Rfc7638(EcKey), result.Jkt);
    }

    [Fact]
    public void Es256_is_refused_unless_enabled() =>
        AssertRefused(Es256Proof(), DpopErrorCode.UnsupportedAlgorithm);

    [Fact]
    public void Eddsa_proofs_still_pass_when_es256_is_enabled()
    {
        var result = _es256.Validate(new DpopProofContext(Proof().Build(), ProofBuilder.Method, ProofBuilder.Uri, null, null, null));
        Assert.True(result.Succeeded, result.Code);
    }

    [Fact]
    public void A_proof_signed_by_another_key_is_refused()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(DpopErrorCode.InvalidSignature, Es256(Es256Proof(signer: other)).Error);
    }

    [Fact]
    public void A_proof_from_another_key_than_the_token_binding_is_refused()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(DpopErrorCode.KeyMismatch, Es256(Es256Proof(), expectedJkt: Rfc7638(other)).Error);
    }

    [Fact]
    public void A_der_signature_is_refused_as_malformed() =>
        Assert.Equal(DpopErrorCode.Malformed, Es256(Es256Proof(format: DSASignatureFormat.Rfc3279DerSequence)).Error);

    public static TheoryData<string, Action<JsonObject, JsonObject>, DpopErrorCode> BadHeaders => new()
    {
        { "ES256 with an Ed25519 jwk", (h, _) => h["jwk"] = new JsonObject { ["kty"] = "OKP", ["crv"] = "Ed25519", ["x"] = TestKeys.RfcX }, DpopErrorCode.InvalidJwk },
        { "EdDSA with an EC jwk", (h, _) => h["alg"] = "EdDSA", DpopErrorCode.InvalidJwk },
        { "ES384", (h, _) => h["alg"] = "ES384", DpopErrorCode.UnsupportedAlgorithm },
        { "es256 in lower case", (h, _) => h["alg"] = "es256", DpopErrorCode.UnsupportedAlgorithm },
        { "no y", (h, _) => ((JsonObject)h["jwk"]!).Remove("y"), DpopErrorCode.InvalidJwk },
        { "P-384 curve", (h, _) => h["jwk"]!["crv"] = "P-384", DpopErrorCode.InvalidJwk },
        { "EC kty with Ed25519 curve", (h, _) => h["jwk"]!["crv"] = "Ed25519", DpopErrorCode.InvalidJwk },
        { "short x", (h, _) => h["jwk"]!["x"] = "AAAA", DpopErrorCode.InvalidJwk },
        { "y not a string", (h, _) => h["jwk"]!["y"] = 1, DpopErrorCode.InvalidJwk },
        { "private key", (h, _) => h["jwk"]!["d"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", DpopErrorCode.PrivateKeyInJwk },
        { "point not on the curve", (h, _) => h["jwk"]!["y"] = Base64UrlEncoding.Encode(new byte[32]), DpopErrorCode.InvalidSignature },
        { "wrong htm", (_, p) => p["htm"] = "POST", DpopErrorCode.MethodMismatch },
        { "stale iat", (_, p) => p["iat"] = ProofBuilder.Now - 3600, DpopErrorCode.StaleIssuedAt },
        { "no jti", (_, p) => p.Remove("jti"), DpopErrorCode.MissingJti },
        { "wrong ath", (_, p) => p["ath"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", DpopErrorCode.AthMismatch },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void Bad_es256_proofs_are_refused_with_the_check_that_failed(string why, Action<JsonObject, JsonObject> edit, DpopErrorCode expected)
    {
        var result = Es256(Es256Proof(edit), accessToken: "token");
        Assert.True(expected == result.Error, $"{why}: {result.Error}");
        Assert.Null(result.Jkt);
    }
}
