using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Passport.Core.Dpop;
using Passport.Core.Encoding;
using Passport.Core.Identity;
using Passport.Core.Jose;
using Passport.Core.Keys;
using Passport.Core.Tokens;

namespace Passport.Core.Tests.Smoke;

public class CoreSmokeTests
{
    // RFC 8037 Appendix A.1/A.2 key.
    private const string RfcD = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private const string RfcX = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    [Fact]
    public void Rfc8037_thumbprint_known_answer()
    {
        Assert.Equal("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", JwkThumbprint.Compute(Base64UrlEncoding.Decode(RfcX)));
    }

    [Fact]
    public void Rfc8037_A4_signature_known_answer_through_JsonWebTokenHandler_key()
    {
        using var key = Ed25519KeyPair.FromPrivateSeed(Base64UrlEncoding.Decode(RfcD));
        Assert.Equal(RfcX, key.PublicJwk.X);
        var signingInput = System.Text.Encoding.ASCII.GetBytes("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc");
        var sig = Base64UrlEncoding.Encode(key.Sign(signingInput));
        Assert.Equal("hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg", sig);
    }

    [Fact]
    public async Task Issued_token_validates_with_lean_and_IdentityModel_validators()
    {
        using var server = Ed25519KeyPair.Generate();
        using var agent = Ed25519KeyPair.Generate();
        var did = DidKey.FromPublicKey(agent.PublicKey);
        var issuer = new PassportTokenIssuer(server, "passport-v1");
        var token = issuer.Issue(new PassportTokenClaims
        {
            Issuer = "https://idp.test", Audience = "https://api.test", Subject = did.Value, JwtId = "j1", IssuedAt = 1716400000,
            Jkt = did.Thumbprint, Handle = "quietly-brave-crane", Status = "CLAIMED", Name = "n",
        });
        var validator = new PassportTokenValidator(new PassportTokenValidationOptions { Issuer = "https://idp.test", Audiences = ["https://api.test"] },
            JwksSigningKeys.FromKeys([("passport-v1", server.PublicKey)]));
        var result = validator.Validate(token);
        Assert.True(result.Succeeded, result.Code);
        Assert.Equal(did.Thumbprint, result.Claims!.Jkt);

        var handler = new JsonWebTokenHandler();
        var ms = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "https://idp.test", ValidAudience = "https://api.test", RequireExpirationTime = false,
            IssuerSigningKey = new EdDsaSecurityKey(server.PublicKey, "passport-v1"), ValidAlgorithms = ["EdDSA"],
        });
        Assert.True(ms.IsValid, ms.Exception?.ToString());
    }

    [Fact]
    public void Proof_round_trip()
    {
        using var agent = Ed25519KeyPair.Generate();
        var factory = new DpopProofFactory(agent);
        var proof = factory.Create("GET", "https://API.test:443/orders?x=1", accessToken: "tok");
        var validator = new DpopProofValidator();
        var result = validator.Validate(new DpopProofContext(proof, "GET", "https://api.test/orders", "tok", agent.PublicJwk.Thumbprint));
        Assert.True(result.Succeeded, result.Code);
        Assert.Equal(DpopErrorCode.UriMismatch, validator.Validate(new DpopProofContext(proof, "GET", "https://api.test/other", "tok")).Error);
        Assert.Equal(DpopErrorCode.AthMismatch, validator.Validate(new DpopProofContext(proof, "GET", "https://api.test/orders", "tok2")).Error);
    }

    [Fact]
    public void Did_round_trip()
    {
        using var agent = Ed25519KeyPair.Generate();
        var did = DidKey.FromPublicKey(agent.PublicKey);
        Assert.StartsWith("did:key:z6Mk", did.Value);
        Assert.Equal(agent.PublicKey, DidKey.Parse(did.Value).PublicKey);
        Assert.True(Handle.IsValid(Handle.Generate()));
        Assert.True(Handle.Combinations >= 250_000);
    }
}
