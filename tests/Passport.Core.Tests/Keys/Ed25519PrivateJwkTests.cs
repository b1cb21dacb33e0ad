using System.Text.Json;
using Passport.Core.Encoding;
using Passport.Core.Errors;
using Passport.Core.Keys;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Keys;

public class Ed25519PrivateJwkTests
{
    [Fact]
    public void Rfc8037_A1_private_key_exports_with_d_and_x()
    {
        using var key = TestKeys.Rfc();
        using var json = JsonDocument.Parse(Ed25519PrivateJwk.Export(key));
        Assert.Equal("OKP", json.RootElement.GetProperty("kty").GetString());
        Assert.Equal("Ed25519", json.RootElement.GetProperty("crv").GetString());
        Assert.Equal(TestKeys.RfcX, json.RootElement.GetProperty("x").GetString());
        Assert.Equal(TestKeys.RfcD, json.RootElement.GetProperty("d").GetString());
    }

    [Fact]
    public void Export_then_import_round_trips_and_signs_identically()
    {
        using var key = Ed25519KeyPair.Generate();
        using var json = JsonDocument.Parse(Ed25519PrivateJwk.Export(key));
        using var imported = Ed25519PrivateJwk.Import(json.RootElement);
        Assert.Equal(key.PublicKey, imported.PublicKey);
        Assert.Equal(key.ExportPrivateSeed(), imported.ExportPrivateSeed());
        var data = "message"u8.ToArray();
        Assert.Equal(key.Sign(data), imported.Sign(data));
    }

    [Fact]
    public void X_that_is_not_the_public_key_of_d_is_refused()
    {
        using var other = TestKeys.Other();
        var json = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + other.PublicJwk.X + "\",\"d\":\"" + TestKeys.RfcD + "\"}";
        AssertRefused(json, PassportErrorCodes.JwkInvalidX);
    }

    [Fact]
    public void Missing_d_is_refused() =>
        AssertRefused("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + TestKeys.RfcX + "\"}", PassportErrorCodes.JwkInvalidD);

    [Theory]
    [InlineData("")]
    [InlineData("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2")]
    [InlineData("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=")]
    public void D_of_wrong_length_or_encoding_is_refused(string d) =>
        AssertRefused("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + TestKeys.RfcX + "\",\"d\":\"" + d + "\"}", PassportErrorCodes.JwkInvalidD);

    [Fact]
    public void Non_string_d_is_refused() =>
        AssertRefused("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + TestKeys.RfcX + "\",\"d\":7}", PassportErrorCodes.JwkInvalidD);

    [Fact]
    public void Private_seed_of_wrong_length_is_refused()
    {
        var error = Assert.Throws<PassportFormatException>(() => Ed25519KeyPair.FromPrivateSeed(new byte[31]));
        Assert.Equal(PassportErrorCodes.JwkInvalidD, error.Code);
    }

    [Fact]
    public void Key_pair_ToString_never_reveals_the_private_seed()
    {
        using var key = TestKeys.Rfc();
        var text = key.ToString();
        Assert.DoesNotContain(TestKeys.RfcD, text);
        Assert.Contains(TestKeys.RfcThumbprint, text);
        Assert.DoesNotContain(TestKeys.RfcD, key.PublicJwk.ToString());
    }

    [Fact]
    public void Sign_and_verify_round_trip_and_other_key_fails()
    {
        using var key = Ed25519KeyPair.Generate();
        using var other = TestKeys.Other();
        var data = "payload"u8.ToArray();
        var signature = key.Sign(data);
        Assert.Equal(64, signature.Length);
        Assert.True(Ed25519Verifier.Verify(key.PublicKey, data, signature));
        Assert.False(Ed25519Verifier.Verify(other.PublicKey, data, signature));
        Assert.False(Ed25519Verifier.Verify(key.PublicKey, "payloaD"u8, signature));
        Assert.False(Ed25519Verifier.Verify(key.PublicKey, data, signature.AsSpan(0, 63)));
        Assert.False(Ed25519Verifier.Verify(key.PublicKey.AsSpan(0, 31), data, signature));
        var imported = Ed25519Verifier.TryImport(key.PublicKey)!;
        Assert.True(Ed25519Verifier.Verify(imported, data, signature));
    }

    private static void AssertRefused(string json, string code)
    {
        using var document = JsonDocument.Parse(json);
        var error = Assert.Throws<PassportFormatException>(() => Ed25519PrivateJwk.Import(document.RootElement));
        Assert.Equal(code, error.Code);
        Assert.DoesNotContain(TestKeys.RfcD, error.Message);
    }
}
