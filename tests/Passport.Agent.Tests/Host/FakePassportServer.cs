using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Passport.Core.Dpop;
using Passport.Core.Keys;
using Passport.Core.Tokens;

namespace Passport.Agent.Tests.Host;

/// <summary>
/// A small in-test Passport IdP + protected resource on Kestrel (127.0.0.1, OS-chosen port), following seeds/004 and
/// docs/api-contract.md, verifying signatures, tokens and proofs with Passport.Core. Knobs let tests demand DPoP nonces
/// and invalidate tokens; every proof seen at the resource is recorded.
/// </summary>
public sealed partial class FakePassportServer : IAsyncDisposable
{
    public const string KeyId = "passport-v1";

    private readonly WebApplication _app;
    private readonly Ed25519KeyPair _serverKey = Ed25519KeyPair.Generate();
    private readonly PassportTokenIssuer _issuer;
    private readonly object _lock = new();

    private FakePassportServer(WebApplication app)
    {
        _app = app;
        _issuer = new PassportTokenIssuer(_serverKey, KeyId);
    }

    /// <summary>The issuer URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The protected resource under <c>/resource</c>, a second allowed audience.</summary>
    public string ResourceAudience => Issuer + "/resource";

    /// <summary>When true, <c>/resource/*</c> demands <see cref="CurrentNonce"/> in proofs (RFC 9449 §9).</summary>
    public bool RequireResourceNonce { get; set; }

    /// <summary>The nonce the resource hands out and expects.</summary>
    public string CurrentNonce { get; set; } = "nonce-" + Guid.NewGuid().ToString("N");

    /// <summary>When false, the AS metadata document answers 404 (clients fall back to seeds/004 paths).</summary>
    public bool ServeAuthorizationServerMetadata { get; set; } = true;

    /// <summary>Which authorization scheme the resource saw last (<c>DPoP</c> or <c>Bearer</c>).</summary>
    public ConcurrentQueue<SeenRequest> ResourceRequests { get; } = new();

    /// <summary>Number of tokens issued by <c>/auth/token</c>.</summary>
    public int TokensIssued => _tokensIssued;

    private int _tokensIssued;

    private string IssuerMetadata => Issuer + "/.well-known/oauth-protected-resource";

    public Uri Url(string path) => new(Issuer + path);

    public static async Task<FakePassportServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakePassportServer(app);
        server.MapEndpoints(app);
        await app.StartAsync();
        server.Issuer = app.Urls.First().TrimEnd('/');
        return server;
    }

    /// <summary>Marks every token issued so far as invalid: presenting one yields 401 <c>invalid_token</c>.</summary>
    public void InvalidateIssuedTokens()
    {
        lock (_lock)
        {
            _invalidBefore = _tokensIssued;
        }
    }

    private int _invalidBefore;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _serverKey.Dispose();
    }

    private void MapEndpoints(WebApplication app)
    {
        MapMetadata(app);
        MapAuth(app);
        MapDelegation(app);
        MapOwner(app);
        MapResource(app);
    }

    private static IResult Problem(int status, string code, string detail, string? authenticate = null, HttpContext? context = null)
    {
        if (authenticate is not null && context is not null)
        {
            context.Response.Headers.WWWAuthenticate = authenticate;
        }
        return Results.Json(new { type = "urn:passport:problem:" + code, title = code, status, detail, code }, statusCode: status, contentType: "application/problem+json");
    }

    private static string RequestUri(HttpRequest request) =>
        HtuNormalizer.Normalize($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}")!;

    /// <summary>What the resource saw on one request.</summary>
    public sealed record SeenRequest(string Method, string Path, string Scheme, string? Jti, string? Ath, string? Nonce, string Token, string? Body);
}
