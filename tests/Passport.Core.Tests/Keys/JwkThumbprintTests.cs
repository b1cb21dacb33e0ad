using Passport.Core.Encoding;
using Passport.Core.Identity;
using Passport.Core.Keys;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Keys;

public class JwkThumbprintTests
{
    [Fact]
    public void Rfc8037_A3_thumbprint_known_answer() =>
        Assert.Equal(TestKeys.RfcThumbprint, JwkThumbprint.Compute(Base64UrlEncoding.Decode(TestKeys.RfcX)));

    [Fact]
    public void Thumbprint_is_sha256_of_the_canonical_members_in_lexicographic_order()
    {
        var canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + TestKeys.RfcX + "\"}";
        var expected = Base64UrlEncoding.Encode(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
        Assert.Equal(expected, JwkThumbprint.Compute(Base64UrlEncoding.Decode(TestKeys.RfcX)));
    }

    [Fact]
    public void Thumbprint_from_encoded_x_equals_thumbprint_from_key_bytes()
    {
        Span<char> chars = stackalloc char[JwkThumbprint.Length];
        JwkThumbprint.ComputeFromEncodedX(System.Text.Encoding.ASCII.GetBytes(TestKeys.RfcX), chars);
        Assert.Equal(TestKeys.RfcThumbprint, new string(chars));
    }

    [Fact]
    public void Thumbprint_from_a_did_alone_equals_thumbprint_from_the_jwk()
    {
        using var key = TestKeys.Rfc();
        var didText = DidKey.FromPublicKey(key.PublicKey).Value;
        var jwk = Ed25519PublicJwk.Parse(key.PublicJwk.ToJson());
        Assert.Equal(jwk.Thumbprint, DidKey.Parse(didText).Thumbprint);
        Assert.Equal(TestKeys.RfcThumbprint, DidKey.Parse(didText).Thumbprint);
    }

    [Fact]
    public void Thumbprint_ignores_optional_members_kid_use_alg()
    {
        var jwk = Ed25519PublicJwk.Parse("{\"kid\":\"k1\",\"use\":\"sig\",\"alg\":\"EdDSA\",\"x\":\"" + TestKeys.RfcX + "\",\"crv\":\"Ed25519\",\"kty\":\"OKP\"}");
        Assert.Equal(TestKeys.RfcThumbprint, jwk.Thumbprint);
    }

    [Fact]
    public void EdDsaSecurityKey_thumbprint_is_the_rfc7638_thumbprint()
    {
        var key = new Passport.Core.Jose.EdDsaSecurityKey(Base64UrlEncoding.Decode(TestKeys.RfcX));
        Assert.True(key.CanComputeJwkThumbprint());
        Assert.Equal(TestKeys.RfcThumbprint, Base64UrlEncoding.Encode(key.ComputeJwkThumbprint()));
    }
}
