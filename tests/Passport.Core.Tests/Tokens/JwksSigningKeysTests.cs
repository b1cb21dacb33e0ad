using Passport.Core.Errors;
using Passport.Core.Tests.Support;
using Passport.Core.Tokens;

namespace Passport.Core.Tests.Tokens;

public class JwksSigningKeysTests
{
    [Fact]
    public void Jwks_document_of_seeds_004_shape_is_indexed_by_kid()
    {
        var jwks = JwksSigningKeys.Parse("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + TestKeys.RfcX + "\",\"kid\":\"passport-v1\",\"use\":\"sig\",\"alg\":\"EdDSA\"}]}");
        Assert.Equal(["passport-v1"], jwks.KeyIds);
        Assert.NotNull(jwks.Find("passport-v1"));
        Assert.Null(jwks.Find("passport-v2"));
    }

    [Fact]
    public void Keys_without_kid_for_encryption_with_other_alg_or_private_are_skipped()
    {
        var x = TestKeys.RfcX;
        var jwks = JwksSigningKeys.Parse("{\"keys\":[" +
            "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\"}," +
            "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"kid\":\"enc\",\"use\":\"enc\"}," +
            "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"kid\":\"es\",\"alg\":\"ES256\"}," +
            "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"kid\":\"priv\",\"d\":\"" + TestKeys.RfcD + "\"}," +
            "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"ec\"}," +
            "\"not an object\"," +
            "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"kid\":\"ok\"}]}");
        Assert.Equal(["ok"], jwks.KeyIds);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"keys\":{}}")]
    [InlineData("not json")]
    public void Document_that_is_not_an_object_with_a_keys_array_is_refused(string json)
    {
        var error = Assert.Throws<PassportFormatException>(() => JwksSigningKeys.Parse(json));
        Assert.Equal(PassportErrorCodes.JwkMalformed, error.Code);
    }

    [Fact]
    public void Document_larger_than_64_KB_is_refused()
    {
        var error = Assert.Throws<PassportFormatException>(() => JwksSigningKeys.Parse("{\"keys\":[],\"pad\":\"" + new string('a', 70_000) + "\"}"));
        Assert.Equal(PassportErrorCodes.JwkMalformed, error.Code);
    }

    [Fact]
    public void FromKeys_refuses_a_key_of_wrong_length()
    {
        var error = Assert.Throws<PassportFormatException>(() => JwksSigningKeys.FromKeys([("k", new byte[31])]));
        Assert.Equal(PassportErrorCodes.KeyInvalid, error.Code);
    }
}
