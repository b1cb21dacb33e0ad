using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Passport.Core.Encoding;
using Passport.Core.Jose;
using Passport.Core.Keys;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Jose;

public class EdDsaIdentityModelTests
{
    private const string Issuer = "https://passport.test";
    private const string Audience = "https://api.test";

    [Fact]
    public void Rfc8037_A4_signature_known_answer_through_the_IdentityModel_signature_provider()
    {
        using var keyPair = TestKeys.Rfc();
        var key = new EdDsaSecurityKey(keyPair);
        var input = System.Text.Encoding.ASCII.GetBytes(TestKeys.RfcA4SigningInput);
        var signer = key.CryptoProviderFactory.CreateForSigning(key, "EdDSA");
        Assert.Equal(TestKeys.RfcA4Signature, Base64UrlEncoding.Encode(signer.Sign(input)));
        var verifier = new EdDsaSecurityKey(Base64UrlEncoding.Decode(TestKeys.RfcX)).CryptoProviderFactory
            .CreateForVerifying(new EdDsaSecurityKey(Base64UrlEncoding.Decode(TestKeys.RfcX)), "EdDSA");
        Assert.True(verifier.Verify(input, Base64UrlEncoding.Decode(TestKeys.RfcA4Signature)));
    }

    [Fact]
    public async Task JsonWebTokenHandler_creates_and_validates_an_EdDSA_token()
    {
        using var server = Ed25519KeyPair.Generate();
        var handler = new JsonWebTokenHandler();
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "did:key:z6Mk" },
            SigningCredentials = new SigningCredentials(new EdDsaSecurityKey(server, "passport-v1"), "EdDSA"),
        });
        var jwt = handler.ReadJsonWebToken(token);
        Assert.Equal("EdDSA", jwt.Alg);
        Assert.Equal("passport-v1", jwt.Kid);
        var result = await handler.ValidateTokenAsync(token, Parameters(new EdDsaSecurityKey(server.PublicKey, "passport-v1")));
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task JsonWebTokenHandler_refuses_an_EdDSA_token_signed_by_another_key()
    {
        using var server = Ed25519KeyPair.Generate();
        using var other = TestKeys.Other();
        var token = new JsonWebTokenHandler().CreateToken("{\"iss\":\"" + Issuer + "\",\"aud\":\"" + Audience + "\"}",
            new SigningCredentials(new EdDsaSecurityKey(other, "passport-v1"), "EdDSA"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(new EdDsaSecurityKey(server.PublicKey, "passport-v1")));
        Assert.False(result.IsValid);
    }

    public static TheoryData<string> ForeignAlgorithms => ["HS256", "RS256", "none"];

    [Theory]
    [MemberData(nameof(ForeignAlgorithms))]
    public async Task JsonWebTokenHandler_configured_for_EdDSA_only_refuses_other_algorithms(string alg)
    {
        using var server = Ed25519KeyPair.Generate();
        var token = ForeignToken(alg);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(new EdDsaSecurityKey(server.PublicKey, "passport-v1")));
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Crypto_provider_supports_EdDSA_with_an_EdDsaSecurityKey_only()
    {
        var key = new EdDsaSecurityKey(Base64UrlEncoding.Decode(TestKeys.RfcX));
        Assert.True(EdDsaCryptoProvider.Instance.IsSupportedAlgorithm("EdDSA", key, false));
        Assert.False(EdDsaCryptoProvider.Instance.IsSupportedAlgorithm("ES256", key, false));
        Assert.False(EdDsaCryptoProvider.Instance.IsSupportedAlgorithm("EdDSA", new SymmetricSecurityKey(new byte[32])));
        Assert.Throws<NotSupportedException>(() => EdDsaCryptoProvider.Instance.Create("HS256", key, false));
    }

    [Fact]
    public void Verification_only_key_cannot_sign()
    {
        var key = new EdDsaSecurityKey(Base64UrlEncoding.Decode(TestKeys.RfcX));
        Assert.Equal(PrivateKeyStatus.DoesNotExist, key.PrivateKeyStatus);
        Assert.ThrowsAny<Exception>(() => key.CryptoProviderFactory.CreateForSigning(key, "EdDSA"));
    }

    internal static TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        RequireExpirationTime = false,
        ValidateLifetime = false,
        IssuerSigningKey = key,
        ValidAlgorithms = ["EdDSA"],
    };

    /// <summary>A token for <see cref="Issuer"/>/<see cref="Audience"/> signed (or not) with a non-EdDSA algorithm.</summary>
    internal static string ForeignToken(string alg, string? kid = "passport-v1")
    {
        var payload = "{\"iss\":\"" + Issuer + "\",\"aud\":\"" + Audience + "\",\"sub\":\"did:key:z6Mk\"}";
        var handler = new JsonWebTokenHandler();
        switch (alg)
        {
            case "HS256":
                return handler.CreateToken(payload, new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = kid }, SecurityAlgorithms.HmacSha256));
            case "RS256":
                return handler.CreateToken(payload, new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = kid }, SecurityAlgorithms.RsaSha256));
            default:
                return handler.CreateToken(payload); // unsigned: alg "none"
        }
    }
}
