using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Passport.Core.Keys;
using Passport.Core.Tokens;
using Passport.Load.Processes;

namespace Passport.Load.Auth;

/// <summary>
/// A stand-in for the IdP's read-only endpoints that the gateway calls at start and in the background, served from
/// inside the runner on a free loopback port: the JWKS (with the issuer key the runner signs tokens with), AS
/// metadata and an empty revocation feed, plus the JWKS and metadata of a second, ES256 authorization server
/// (<see cref="Es256Issuer"/>). The gateway fetches the JWKS once and polls the feed every 500 ms, so this
/// costs the runner nothing measurable; tokens are signed exactly as Passport.Server signs them (Core's issuer).
/// </summary>
public sealed class IdpStub : IAsyncDisposable
{
    /// <summary>The <c>kid</c> of the issuer key.</summary>
    public const string KeyId = "passport-v1";

    private readonly WebApplication _app;

    private IdpStub(WebApplication app, string issuer, Ed25519KeyPair key, Es256Issuer es256)
    {
        _app = app;
        Issuer = issuer;
        Key = key;
        TokenIssuer = new PassportTokenIssuer(key, KeyId);
        Es256 = es256;
    }

    /// <summary>The issuer URL (<c>http://127.0.0.1:N</c>).</summary>
    public string Issuer { get; }

    /// <summary>The issuer's signing key.</summary>
    public Ed25519KeyPair Key { get; }

    /// <summary>Signs Passport access tokens with the issuer key.</summary>
    public PassportTokenIssuer TokenIssuer { get; }

    /// <summary>The other authorization server of the ES256 scenario, served from the same origin.</summary>
    public Es256Issuer Es256 { get; }

    /// <summary>Starts the stub on a free loopback port.</summary>
    public static async Task<IdpStub> StartAsync(CancellationToken cancellationToken = default)
    {
        var key = Ed25519KeyPair.Generate();
        var port = FreePort.Get();
        var issuer = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(issuer);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var jwks = "{\"keys\":[" + key.PublicJwk.ToJson(KeyId, "sig", "EdDSA") + "]}";
        var metadata = $$"""{"issuer":"{{issuer}}","jwks_uri":"{{issuer}}/.well-known/jwks.json","token_endpoint":"{{issuer}}/auth/token","revocation_feed_endpoint":"{{issuer}}/api/revocations","dpop_signing_alg_values_supported":["EdDSA"]}""";
        app.MapGet("/.well-known/jwks.json", () => Results.Text(jwks, "application/json"));
        app.MapGet("/.well-known/oauth-authorization-server", () => Results.Text(metadata, "application/json"));
        app.MapGet("/api/revocations", (string? since) =>
            Results.Text("{\"events\":[],\"next\":\"" + (long.TryParse(since, CultureInfo.InvariantCulture, out var s) ? s : 0).ToString(CultureInfo.InvariantCulture) + "\"}", "application/json"));
        // The ES256 authorization server: JWKS, and metadata at both discovery locations of an issuer with a path
        // (RFC 8414 §3.1 inserts the well-known segment before the path; OpenID Connect appends it).
        var es256 = new Es256Issuer(issuer);
        app.MapGet(Es256Issuer.PathSegment + "/jwks.json", () => Results.Text(es256.Jwks, "application/json"));
        app.MapGet("/.well-known/oauth-authorization-server" + Es256Issuer.PathSegment, () => Results.Text(es256.Metadata, "application/json"));
        app.MapGet(Es256Issuer.PathSegment + "/.well-known/openid-configuration", () => Results.Text(es256.Metadata, "application/json"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new IdpStub(app, issuer, key, es256);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Key.Dispose();
        Es256.Dispose();
    }
}
