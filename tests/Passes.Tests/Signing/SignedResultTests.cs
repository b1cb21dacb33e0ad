using System.Text;
using NSec.Cryptography;
using Passes.Tests.Support;

namespace Passes.Tests.Signing;

public class SignedResultTests
{
    private static readonly byte[] Body = "{\"topic\":\"com.example.approve\"}"u8.ToArray();

    private static Key NewKey() => Key.Create(SignatureAlgorithm.Ed25519);

    [Fact]
    public void Good_signature_verifies_and_returns_signer_and_body()
    {
        using var key = NewKey();
        var jwk = Ed25519Jwk.FromPublicKey(key.PublicKey);

        var verified = SignedResultVerifier.VerifyResult(SignedResultSigner.SignAcceptedResult(key, Body), jwk.Thumbprint());

        Assert.Equal(jwk, verified.Signer);
        Assert.Equal(jwk.Thumbprint(), verified.SignerThumbprint);
        Assert.Equal(Body, verified.Body.ToArray());
    }

    [Fact]
    public void Expected_key_may_be_given_as_jwk_json()
    {
        using var key = NewKey();
        var verified = SignedResultVerifier.Verify(SignedResultSigner.SignBody(key, Body), Ed25519Jwk.FromPublicKey(key.PublicKey).ToJson());
        Assert.Equal(Body, verified.Body.ToArray());
    }

    [Fact]
    public void Signed_body_carries_the_wire_format_jwk()
    {
        using var key = NewKey();
        var parts = SignedResultBody.Decode(SignedResultSigner.SignBody(key, Body));
        var x = Ed25519Jwk.FromPublicKey(key.PublicKey).X;
        Assert.Equal($"{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{x}\"}}", Encoding.UTF8.GetString(parts.JwkJson.Span));
        Assert.Equal(64, parts.Signature.Length);
        Assert.Equal(Body, parts.Body.ToArray());
    }

    [Fact]
    public void Tampered_body_is_an_invalid_signature()
    {
        using var key = NewKey();
        var signed = SignedResultSigner.SignBody(key, Body);
        signed[^1] ^= 0x01;
        var ex = Assert.Throws<PassesSignatureException>(() => SignedResultVerifier.Verify(signed, null));
        Assert.Equal(PassesErrorCodes.InvalidSignature, ex.Code);
    }

    [Fact]
    public void Appended_body_bytes_are_an_invalid_signature()
    {
        using var key = NewKey();
        byte[] signed = [.. SignedResultSigner.SignBody(key, Body), 0x20];
        Assert.Equal(PassesErrorCodes.InvalidSignature, Assert.Throws<PassesSignatureException>(() => SignedResultVerifier.Verify(signed, null)).Code);
    }

    [Fact]
    public void Tampered_signature_is_an_invalid_signature()
    {
        using var key = NewKey();
        var parts = SignedResultBody.Decode(SignedResultSigner.SignBody(key, Body));
        var signature = parts.Signature.ToArray();
        signature[10] ^= 0x80;
        var tampered = (parts with { Signature = signature }).Encode();
        Assert.Equal(PassesErrorCodes.InvalidSignature, Assert.Throws<PassesSignatureException>(() => SignedResultVerifier.Verify(tampered, null)).Code);
    }

    [Fact]
    public void Short_signature_is_an_invalid_signature()
    {
        using var key = NewKey();
        var parts = SignedResultBody.Decode(SignedResultSigner.SignBody(key, Body));
        var tampered = (parts with { Signature = parts.Signature[..63] }).Encode();
        Assert.Equal(PassesErrorCodes.InvalidSignature, Assert.Throws<PassesSignatureException>(() => SignedResultVerifier.Verify(tampered, null)).Code);
    }

    [Fact]
    public void Swapped_in_key_is_an_invalid_signature()
    {
        using var signer = NewKey();
        using var other = NewKey();
        var parts = SignedResultBody.Decode(SignedResultSigner.SignBody(signer, Body));
        var swapped = (parts with { JwkJson = Encoding.UTF8.GetBytes(Ed25519Jwk.FromPublicKey(other.PublicKey).ToJson()) }).Encode();
        Assert.Equal(PassesErrorCodes.InvalidSignature, Assert.Throws<PassesSignatureException>(() => SignedResultVerifier.Verify(swapped, null)).Code);
    }

    [Fact]
    public void Valid_signature_by_the_wrong_key_is_a_signer_mismatch()
    {
        using var signer = NewKey();
        using var expected = NewKey();
        var signed = SignedResultSigner.SignBody(signer, Body);
        var byThumbprint = Assert.Throws<PassesSignatureException>(() => SignedResultVerifier.Verify(signed, Ed25519Jwk.FromPublicKey(expected.PublicKey).Thumbprint()));
        var byJwk = Assert.Throws<PassesSignatureException>(() => SignedResultVerifier.Verify(signed, Ed25519Jwk.FromPublicKey(expected.PublicKey).ToJson()));
        Assert.Equal(PassesErrorCodes.SignerMismatch, byThumbprint.Code);
        Assert.Equal(PassesErrorCodes.SignerMismatch, byJwk.Code);
    }

    [Fact]
    public void Truncated_signed_bodies_are_truncated_at_every_cut_inside_key_and_signature()
    {
        using var key = NewKey();
        var signed = SignedResultSigner.SignBody(key, Body);
        var headerLength = signed.Length - Body.Length;
        for (var cut = 0; cut < headerLength; cut++)
        {
            var ex = Assert.ThrowsAny<PassesFormatException>(() => SignedResultVerifier.Verify(signed.AsSpan(0, cut), null));
            Assert.Equal(PassesErrorCodes.Truncated, ex.Code);
        }
    }

    [Fact]
    public void Truncated_body_is_an_invalid_signature()
    {
        using var key = NewKey();
        var signed = SignedResultSigner.SignBody(key, Body);
        Assert.Equal(PassesErrorCodes.InvalidSignature, Assert.ThrowsAny<PassesFormatException>(() => SignedResultVerifier.Verify(signed.AsSpan(0, signed.Length - 1), null)).Code);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("02")]
    [InlineData("0362")]
    public void Non_accepted_results_are_not_signed(string hex) =>
        Expect.Code(PassesErrorCodes.NotAccepted, () => SignedResultVerifier.VerifyResult(Hex.Bytes(hex), null));

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"kty\":\"RSA\",\"crv\":\"Ed25519\",\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\"}")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":42}")]
    [InlineData("not json")]
    public void Malformed_jwk_is_refused(string json) =>
        Expect.Code(PassesErrorCodes.InvalidJwk, () => Ed25519Jwk.Parse(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Jwk_with_private_key_material_is_refused()
    {
        using var key = NewKey();
        var x = Ed25519Jwk.FromPublicKey(key.PublicKey).X;
        Expect.Code(PassesErrorCodes.InvalidJwk, () => Ed25519Jwk.Parse(Encoding.UTF8.GetBytes($"{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{x}\",\"d\":\"{x}\"}}")));
    }

    [Fact]
    public void Jwk_with_extra_public_members_in_any_order_is_accepted()
    {
        using var key = NewKey();
        var x = Ed25519Jwk.FromPublicKey(key.PublicKey).X;
        var parsed = Ed25519Jwk.Parse(Encoding.UTF8.GetBytes($"{{\"crv\":\"Ed25519\",\"ext\":true,\"key_ops\":[\"verify\"],\"kty\":\"OKP\",\"x\":\"{x}\"}}"));
        Assert.Equal(x, parsed.X);
    }

    [Fact]
    public void Thumbprint_matches_RFC_8037_appendix_A3()
    {
        // RFC 8037 A.3: thumbprint of the example Ed25519 key.
        var jwk = Ed25519Jwk.FromX("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
        Assert.Equal("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", jwk.Thumbprint());
    }

    [Fact]
    public void Signed_result_does_not_bind_the_topic_so_replay_to_another_topic_verifies()
    {
        // Documents the rule: the signature covers the body only. Anything that must not be replayable goes in the body.
        using var key = NewKey();
        var result = SignedResultSigner.SignAcceptedResult(key, "true"u8);
        var verifiedForA = SignedResultVerifier.VerifyResult(result, null);
        var verifiedForB = SignedResultVerifier.VerifyResult(result, null);
        Assert.Equal(verifiedForA.Body.ToArray(), verifiedForB.Body.ToArray());
    }
}
