using System.Text.Json;
using FsCheck.Xunit;
using Passport.Core.Errors;
using Passport.Core.Keys;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Keys;

public class Ed25519PublicJwkTests
{
    private const string X = TestKeys.RfcX;

    [Fact]
    public void Rfc8037_A2_public_key_parses()
    {
        var jwk = Ed25519PublicJwk.Parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\"}");
        Assert.Equal(X, jwk.X);
        Assert.Equal(32, jwk.PublicKey.Length);
        Assert.Equal(TestKeys.RfcThumbprint, jwk.Thumbprint);
    }

    [Fact]
    public void ToJson_writes_only_public_members_and_parses_back()
    {
        using var key = TestKeys.Rfc();
        var json = key.PublicJwk.ToJson(kid: "passport-v1", use: "sig", alg: "EdDSA");
        Assert.Equal("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\",\"kid\":\"passport-v1\",\"use\":\"sig\",\"alg\":\"EdDSA\"}", json);
        Assert.DoesNotContain("\"d\"", json);
        Assert.Equal(X, Ed25519PublicJwk.Parse(json).X);
    }

    [Fact]
    public void Private_part_d_is_refused_where_a_public_key_is_required() =>
        AssertRefused("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\",\"d\":\"" + TestKeys.RfcD + "\"}", PassportErrorCodes.JwkPrivateKeyPresent);

    [Theory]
    [InlineData("EC")]
    [InlineData("RSA")]
    [InlineData("oct")]
    [InlineData("okp")]
    public void Kty_other_than_OKP_is_refused(string kty) =>
        AssertRefused("{\"kty\":\"" + kty + "\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\"}", PassportErrorCodes.JwkUnsupportedKty);

    [Fact]
    public void Missing_kty_is_refused() =>
        AssertRefused("{\"crv\":\"Ed25519\",\"x\":\"" + X + "\"}", PassportErrorCodes.JwkUnsupportedKty);

    [Theory]
    [InlineData("X25519")]
    [InlineData("Ed448")]
    [InlineData("P-256")]
    [InlineData("ed25519")]
    public void Crv_other_than_Ed25519_is_refused(string crv) =>
        AssertRefused("{\"kty\":\"OKP\",\"crv\":\"" + crv + "\",\"x\":\"" + X + "\"}", PassportErrorCodes.JwkUnsupportedCrv);

    [Theory]
    [InlineData("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR")] // 42 characters
    [InlineData("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURoA")] // 44 characters
    [InlineData("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=")] // padded
    [InlineData("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo")] // standard alphabet
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 30 bytes
    [InlineData("")]
    public void X_of_wrong_length_or_encoding_is_refused(string x) =>
        AssertRefused("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\"}", PassportErrorCodes.JwkInvalidX);

    [Theory]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\"}")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":32}")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":null}")]
    public void Missing_or_non_string_x_is_refused(string json) => AssertRefused(json, PassportErrorCodes.JwkInvalidX);

    [Theory]
    [InlineData("[]")]
    [InlineData("\"OKP\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{")]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"kty\":\"OKP\"}{}")]
    public void Input_that_is_not_a_json_object_is_refused_as_malformed(string json) =>
        AssertRefused(json, PassportErrorCodes.JwkMalformed);

    [Fact]
    public void Huge_input_is_refused_before_parsing()
    {
        var json = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\",\"pad\":\"" + new string('a', 1 << 20) + "\"}";
        AssertRefused(json, PassportErrorCodes.JwkMalformed);
    }

    [Fact]
    public void Deeply_nested_input_is_refused_as_malformed() =>
        AssertRefused("{\"a\":" + new string('[', 1000) + new string(']', 1000) + "}", PassportErrorCodes.JwkMalformed);

    [Fact]
    public void Constructor_refuses_a_key_that_is_not_32_bytes()
    {
        var error = Assert.Throws<PassportFormatException>(() => new Ed25519PublicJwk(new byte[33]));
        Assert.Equal(PassportErrorCodes.JwkInvalidX, error.Code);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Random_text_never_throws_anything_but_the_typed_error(NearlyValidText text)
    {
        foreach (var json in new[] { text.Value, "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + text.Value + "\"}", "{\"x\":" + text.Value + "}" })
        {
            try
            {
                Ed25519PublicJwk.Parse(json);
            }
            catch (PassportFormatException e)
            {
                Assert.StartsWith("jwk.", e.Code);
            }
        }
    }

    [Property]
    public void Random_json_values_never_throw_anything_but_the_typed_error(string? kty, string? crv, string? x, bool withD)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, string?> { ["kty"] = kty, ["crv"] = crv, ["x"] = x, ["d"] = withD ? x : null });
        try
        {
            Ed25519PublicJwk.Parse(json);
        }
        catch (PassportFormatException e)
        {
            Assert.StartsWith("jwk.", e.Code);
        }
    }

    private static void AssertRefused(string json, string code)
    {
        var error = Assert.Throws<PassportFormatException>(() => Ed25519PublicJwk.Parse(json));
        Assert.Equal(code, error.Code);
        Assert.DoesNotContain(TestKeys.RfcD, error.Message);
    }
}
