using Passport.AspNetCore.Redis;
using Passport.AspNetCore.Replay;
using Passport.Gateway.Configuration;
using Passport.Gateway.Revocation;
using Passport.Gateway.Tokens;

namespace Passport.Gateway.Discovery;

/// <summary>The gateway's own endpoints: protected-resource metadata, liveness and readiness. All anonymous.</summary>
internal static class GatewayEndpoints
{
    public static void MapGatewayEndpoints(this WebApplication app)
    {
        app.MapGet(ProtectedResourceMetadata.Path, (ProtectedResourceMetadata metadata) => Results.Bytes(metadata.Json, "application/json"))
            .AllowAnonymous();
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous();
        app.MapGet("/readyz", Ready).AllowAnonymous();
    }

    private static IResult Ready(JwksKeySource keys, IReplayStore replay, IRevocationCache revocations)
    {
        var checks = new Dictionary<string, string>
        {
            ["jwks"] = keys.IsLoaded ? "ok" : "not loaded",
            ["replay"] = replay.IsAvailable ? "ok" : "unreachable",
            ["revocation"] = revocations.IsCurrent ? "ok" : "not current",
        };
        var ready = checks.Values.All(v => v == "ok");
        return Results.Json(new { status = ready ? "ready" : "not ready", checks }, statusCode: ready ? 200 : 503);
    }
}
