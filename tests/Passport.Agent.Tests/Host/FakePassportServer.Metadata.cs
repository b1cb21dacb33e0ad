using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Passport.Agent.Tests.Host;

public sealed partial class FakePassportServer
{
    private void MapMetadata(WebApplication app)
    {
        app.MapGet("/.well-known/oauth-authorization-server", () => ServeAuthorizationServerMetadata
            ? Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["token_endpoint"] = Issuer + "/auth/token",
                ["jwks_uri"] = Issuer + "/.well-known/jwks.json",
                ["dpop_signing_alg_values_supported"] = new[] { "EdDSA" },
                ["registration_endpoint"] = Issuer + "/auth/register",
                ["challenge_endpoint"] = Issuer + "/auth/challenge",
                ["claim_endpoint"] = Issuer + "/auth/claim",
                ["delegation_endpoint"] = Issuer + "/api/delegations",
                ["token_exchange_endpoint"] = Issuer + "/auth/token/exchange",
                ["revocation_feed_endpoint"] = Issuer + "/api/revocations",
            })
            : Results.NotFound());
        app.MapGet("/.well-known/oauth-protected-resource", () => Results.Json(new Dictionary<string, object>
        {
            ["resource"] = Issuer,
            ["authorization_servers"] = new[] { Issuer },
            ["jwks_uri"] = Issuer + "/.well-known/jwks.json",
            ["resource_documentation"] = Issuer + "/auth.md",
        }));
        app.MapGet("/.well-known/oauth-protected-resource/resource", () => Results.Json(new Dictionary<string, object>
        {
            ["resource"] = ResourceAudience,
            ["authorization_servers"] = new[] { Issuer },
        }));
        app.MapGet("/.well-known/jwks.json", () => Results.Text(
            "{\"keys\":[" + _serverKey.PublicJwk.ToJson(KeyId, "sig", "EdDSA") + "]}", "application/json"));
        app.MapGet("/open", () => Results.Text("not protected"));
    }
}
