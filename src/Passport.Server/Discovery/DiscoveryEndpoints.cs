using Microsoft.Extensions.Options;
using Passport.Core.Protocol;
using Passport.Server.Configuration;
using Passport.Server.Signing;
using Passport.Server.Tokens;

namespace Passport.Server.Discovery;

/// <summary>RFC 8414 AS metadata, RFC 9728 PRM and the JWKS (seeds/004 §discovery). Every URL comes from <c>Passport:Issuer</c>.</summary>
internal static class DiscoveryEndpoints
{
    public static IResult AuthorizationServer(IOptions<PassportServerOptions> options)
    {
        var o = options.Value;
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = o.IssuerOrigin,
            ["token_endpoint"] = o.Url(TokenEndpoint.Path),
            ["jwks_uri"] = o.Url(WellKnownPaths.Jwks),
            ["dpop_signing_alg_values_supported"] = JoseAlgorithms.Ed25519Names,
            ["registration_endpoint"] = o.Url("/auth/register"),
            ["challenge_endpoint"] = o.Url("/auth/challenge"),
            ["claim_endpoint"] = o.Url("/auth/claim"),
            ["delegation_endpoint"] = o.Url("/api/delegations"),
            ["token_exchange_endpoint"] = o.Url("/auth/token/exchange"),
            ["revocation_feed_endpoint"] = o.Url("/api/revocations"),
            ["owner_request_endpoint"] = o.Url("/auth/owner/request"),
            ["grant_types_supported"] = new[] { OAuthGrants.ClientCredentials, OAuthGrants.PassportChallenge, OAuthGrants.TokenExchange },
            // private_key_jwt (RFC 7523) for client_credentials; none for the challenge flow, whose proof is the nonce signature.
            ["token_endpoint_auth_methods_supported"] = new[] { OAuthGrants.PrivateKeyJwt, "none" },
            ["token_endpoint_auth_signing_alg_values_supported"] = JoseAlgorithms.Ed25519Names,
            // RFC 8414 §2 lists response_types_supported as required; no authorization endpoint, so no response type.
            ["response_types_supported"] = Array.Empty<string>(),
            ["service_documentation"] = o.Url("/auth.md"),
        });
    }

    public static IResult ProtectedResource(IOptions<PassportServerOptions> options)
    {
        var o = options.Value;
        return Results.Json(new Dictionary<string, object>
        {
            ["resource"] = o.IssuerOrigin,
            ["authorization_servers"] = new[] { o.IssuerOrigin },
            ["jwks_uri"] = o.Url(WellKnownPaths.Jwks),
            ["resource_documentation"] = o.Url("/auth.md"),
            ["bearer_methods_supported"] = new[] { "header" },
            ["dpop_signing_alg_values_supported"] = JoseAlgorithms.Ed25519Names,
            ["dpop_bound_access_tokens_required"] = true,
        });
    }

    public static IResult Jwks(HttpContext context, ServerSigningKeys keys)
    {
        context.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Content(keys.Jwks, "application/json");
    }
}
