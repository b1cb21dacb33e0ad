using System.Text.Json;
using Microsoft.Extensions.Options;
using Passport.Core.Protocol;
using Passport.Gateway.Configuration;

namespace Passport.Gateway.Discovery;

/// <summary>
/// RFC 9728 protected resource metadata. The origin's document at <c>/.well-known/oauth-protected-resource</c> (resource =
/// the public origin), serialised once; each route's at the path-inserted URL (<see cref="RouteResources"/>) with the same
/// members and <c>resource</c> = the route's resource: the IdP and every <c>Passport:Issuers</c> entry as authorization
/// servers (RFC 9728 §2), the IdP's JWKS and <c>/auth.md</c>,
/// DPoP-bound tokens required, the proof algorithms the gateway verifies.
/// </summary>
internal sealed class ProtectedResourceMetadata
{
    public const string Path = WellKnownPaths.ProtectedResource;

    public ProtectedResourceMetadata(IOptions<PassportGatewayOptions> options)
    {
        Json = Serialize(options.Value, options.Value.PublicOrigin!.TrimEnd('/'), []);
    }

    public byte[] Json { get; }

    /// <summary>The DPoP proof algorithms the gateway verifies (RFC 9449 §5.1): both Ed25519 names and ES256.</summary>
    public static readonly IReadOnlyList<string> ProofAlgorithms = [.. JoseAlgorithms.Ed25519Names, JoseAlgorithms.ES256];

    /// <summary>The document for <paramref name="resource"/>; <paramref name="scopes"/> become <c>scopes_supported</c> when any.</summary>
    public static byte[] Serialize(PassportGatewayOptions o, string resource, string[] scopes)
    {
        var issuer = o.Issuer!.TrimEnd('/');
        var document = new Dictionary<string, object>
        {
            ["resource"] = resource,
            ["authorization_servers"] = o.Issuers.Where(i => i?.Issuer is not null).Select(i => i.Issuer!).Prepend(o.Issuer!).ToArray(),
            ["jwks_uri"] = o.EffectiveJwksUri,
            ["resource_documentation"] = issuer + "/auth.md",
            ["bearer_methods_supported"] = new[] { "header" },
            ["dpop_signing_alg_values_supported"] = ProofAlgorithms,
            ["dpop_bound_access_tokens_required"] = true,
        };
        if (scopes.Length > 0) document["scopes_supported"] = scopes;
        return JsonSerializer.SerializeToUtf8Bytes(document);
    }
}
