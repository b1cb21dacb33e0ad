using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Passport.Core.Encoding;
using Passport.Core.Jose;
using Passport.Core.Keys;
using Passport.Testing;

namespace Passport.Gateway.Tests.Infrastructure;

/// <summary>
/// A tiny RFC 8414 authorization server on 127.0.0.1 for the trusted-issuer tests: its issuer has a path
/// (<c>/realms/agents</c>, so discovery must insert the well-known segment), it serves its metadata and a JWKS with an
/// ES256, an RS256 and an Ed25519 (OKP) key, and signs RFC 9068 tokens with them. <see cref="Down"/> makes every endpoint answer 503;
/// <see cref="MetadataIssuer"/> and <see cref="ExtraJwksKeys"/> let a test break the documents.
/// </summary>
public sealed class ForeignIssuerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ForeignIssuerHost(WebApplication app, string origin)
    {
        _app = app;
        Origin = origin;
        Issuer = origin + "/realms/agents";
        MetadataIssuer = Issuer;
    }

    public string Origin { get; }

    public string Issuer { get; }

    /// <summary>The <c>issuer</c> the metadata document states (the real one unless a test changes it).</summary>
    public string MetadataIssuer { get; set; }

    public bool Down { get; set; }

    /// <summary>Raw JSON objects added to the JWKS before the good keys (malformed, private, unsupported).</summary>
    public List<string> ExtraJwksKeys { get; } = [];

    public ECDsaSecurityKey EcKey { get; } = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec-1" };

    public RsaSecurityKey RsaKey { get; } = new(RSA.Create(2048)) { KeyId = "rsa-1" };

    public EdDsaSecurityKey EdKey { get; } = new(Ed25519KeyPair.Generate(), "ed-1");

    public int JwksRequests;

    public static async Task<ForeignIssuerHost> StartAsync()
    {
        var origin = $"http://127.0.0.1:{FreePort.Get()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(origin);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var host = new ForeignIssuerHost(app, origin);
        app.MapGet("/.well-known/oauth-authorization-server/realms/agents", host.Metadata);
        app.MapGet("/realms/agents/jwks", host.Jwks);
        await app.StartAsync();
        return host;
    }

    /// <summary>A token signed with <paramref name="key"/>; <paramref name="edit"/> changes the RFC 9068 claims.</summary>
    public string Token(SecurityKey key, string alg, string audience, string? jkt, Action<Dictionary<string, object>>? edit = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = audience,
            ["sub"] = "service-account-agent",
            ["client_id"] = "agent",
            ["scope"] = "read:orders",
            ["iat"] = now,
            ["exp"] = now + 300,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (jkt is not null) claims["cnf"] = new Dictionary<string, object> { ["jkt"] = jkt };
        edit?.Invoke(claims);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
            new SecurityTokenDescriptor { Claims = claims, SigningCredentials = new SigningCredentials(key, alg), TokenType = "at+jwt" });
    }

    private IResult Metadata() => Down
        ? Results.StatusCode(503)
        : Results.Json(new { issuer = MetadataIssuer, jwks_uri = Issuer + "/jwks", token_endpoint = Issuer + "/token" });

    private IResult Jwks()
    {
        Interlocked.Increment(ref JwksRequests);
        if (Down) return Results.StatusCode(503);
        var ec = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(EcKey);
        var rsa = JsonWebKeyConverter.ConvertFromRSASecurityKey(RsaKey);
        var good = new[]
        {
            JsonSerializer.Serialize(new { kty = "EC", kid = ec.Kid, use = "sig", crv = ec.Crv, x = ec.X, y = ec.Y }),
            JsonSerializer.Serialize(new { kty = "RSA", kid = rsa.Kid, use = "sig", n = rsa.N, e = rsa.E }),
            JsonSerializer.Serialize(new { kty = "OKP", kid = EdKey.KeyId, use = "sig", crv = "Ed25519", x = Base64UrlEncoding.Encode(EdKey.PublicKey) }),
        };
        return Results.Text("{\"keys\":[" + string.Join(",", ExtraJwksKeys.Concat(good)) + "]}", "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
