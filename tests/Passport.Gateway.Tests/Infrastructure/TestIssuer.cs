using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Passport.Core.Keys;
using Passport.Core.Tokens;
using Passport.Testing;

namespace Passport.Gateway.Tests.Infrastructure;

/// <summary>
/// A tiny in-test IdP on 127.0.0.1: serves <c>/.well-known/jwks.json</c> from its keys and <c>/api/revocations</c> from
/// events the test appends; <see cref="Down"/> makes both answer 503.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string Kid, Ed25519KeyPair Key)> _keys = [];
    private readonly List<string> _events = [];
    private readonly Lock _lock = new();

    private TestIssuer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public Ed25519KeyPair SigningKey { get; private set; } = null!;

    public PassportTokenIssuer Issuer { get; private set; } = null!;

    public bool Down { get; set; }

    public bool FeedDown { get; set; }

    public int JwksRequests;

    public static async Task<TestIssuer> StartAsync()
    {
        var port = FreePort.Get();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new TestIssuer(app, $"http://127.0.0.1:{port}");
        issuer.AddKey("passport-v1", makeCurrent: true);
        app.MapGet("/.well-known/jwks.json", issuer.Jwks);
        app.MapGet("/api/revocations", issuer.Feed);
        await app.StartAsync();
        return issuer;
    }

    public Ed25519KeyPair AddKey(string kid, bool makeCurrent)
    {
        var key = Ed25519KeyPair.Generate();
        lock (_lock) _keys.Add((kid, key));
        if (makeCurrent)
        {
            SigningKey = key;
            Issuer = new PassportTokenIssuer(key, kid);
        }
        return key;
    }

    /// <summary>Takes <paramref name="kid"/> out of the JWKS (a rotation's last step, or a withdrawn key).</summary>
    public void RemoveKey(string kid)
    {
        lock (_lock) _keys.RemoveAll(k => k.Kid == kid);
    }

    public void AddEvent(string type, string? did = null, string? grantId = null, string? newDid = null)
    {
        lock (_lock)
        {
            var id = _events.Count + 1;
            _events.Add(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["id"] = id, ["type"] = type, ["handle"] = "some-handle", ["did"] = did, ["newDid"] = newDid, ["grantId"] = grantId,
                ["at"] = DateTimeOffset.UtcNow.ToString("O"),
            }));
        }
    }

    private IResult Jwks()
    {
        Interlocked.Increment(ref JwksRequests);
        if (Down) return Results.StatusCode(503);
        lock (_lock)
        {
            var keys = string.Join(",", _keys.Select(k => k.Key.PublicJwk.ToJson(k.Kid, "sig", "EdDSA")));
            return Results.Text($"{{\"keys\":[{keys}]}}", "application/json");
        }
    }

    private IResult Feed(HttpRequest request)
    {
        if (Down || FeedDown) return Results.StatusCode(503);
        var since = long.TryParse(request.Query["since"], out var s) ? s : 0;
        var limit = int.TryParse(request.Query["limit"], out var l) ? l : 500;
        lock (_lock)
        {
            var page = _events.Skip((int)since).Take(limit).ToList();
            var next = since + page.Count;
            return Results.Text($"{{\"events\":[{string.Join(",", page)}],\"next\":\"{next}\"}}", "application/json");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
