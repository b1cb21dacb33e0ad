using Passport.AspNetCore.Redis;
using Passport.AspNetCore.Refusals;
using Passport.AspNetCore.Replay;
using Passport.Core.Protocol;
using Passport.Gateway.Configuration;
using Passport.Gateway.Revocation;
using Passport.Gateway.Tokens;
using Passport.Gateway.Tokens.Issuers;

namespace Passport.Gateway.Discovery;

/// <summary>The gateway's own endpoints: protected-resource metadata, liveness and readiness. All anonymous.</summary>
internal static class GatewayEndpoints
{
    public static void MapGatewayEndpoints(this WebApplication app)
    {
        app.MapGet(ProtectedResourceMetadata.Path, (ProtectedResourceMetadata metadata) => Results.Bytes(metadata.Json, "application/json"))
            .AllowAnonymous();
        // RFC 9728 §3.1: each route's resource has its document at the path-inserted well-known URL.
        app.MapGet(ProtectedResourceMetadata.Path + "/{**resourcePath}", RouteDocument).AllowAnonymous();
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous();
        app.MapGet("/readyz", Ready).AllowAnonymous();
    }

    /// <summary>The problem code of a metadata request for a path no route serves (404).</summary>
    public const string ResourceUnknown = "resource.unknown";

    private static IResult RouteDocument(string resourcePath, RouteResources resources) =>
        resources.Document("/" + resourcePath) is { } document
            ? Results.Bytes(document, "application/json")
            : Results.Json(
                new Dictionary<string, object>
                {
                    ["type"] = ProblemType.Prefix + ResourceUnknown,
                    ["title"] = "Not Found",
                    ["status"] = 404,
                    ["detail"] = "No route of this gateway is a protected resource at this path (RFC 9728 §3.1).",
                    ["code"] = ResourceUnknown,
                },
                statusCode: 404,
                contentType: MediaTypes.ProblemJson);

    // A configured issuer that is down or misconfigured is reported but does not make the gateway unready: the IdP's
    // tokens and the other issuers' still pass, and a load balancer would otherwise take all of them away.
    private static IResult Ready(JwksKeySource keys, IReplayStore replay, IRevocationCache revocations, TrustedIssuers issuers)
    {
        var checks = new Dictionary<string, string>
        {
            ["jwks"] = keys.IsLoaded ? "ok" : "not loaded",
            ["replay"] = replay.IsAvailable ? "ok" : "unreachable",
            ["revocation"] = revocations.IsCurrent ? "ok" : "not current",
        };
        var ready = checks.Values.All(v => v == "ok");
        if (!issuers.Any) return Results.Json(new { status = ready ? "ready" : "not ready", checks }, statusCode: ready ? 200 : 503);
        var issuerStates = issuers.All.ToDictionary(i => i.Name, i => i.Keys.Status);
        return Results.Json(new { status = ready ? "ready" : "not ready", checks, issuers = issuerStates }, statusCode: ready ? 200 : 503);
    }
}
