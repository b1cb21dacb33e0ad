using System.Text.Json;
using Microsoft.Extensions.Options;
using Passport.Core.Protocol;
using Passport.Gateway.Configuration;

namespace Passport.Gateway.Discovery;

/// <summary>
/// <c>GET /.well-known/oauth-protected-resource</c> (RFC 9728): resource = the public origin, the IdP as authorization server,
/// its JWKS and <c>/auth.md</c>, EdDSA DPoP required. Serialised once.
/// </summary>
internal sealed class ProtectedResourceMetadata
{
    public const string Path = WellKnownPaths.ProtectedResource;

    public ProtectedResourceMetadata(IOptions<PassportGatewayOptions> options)
    {
        var o = options.Value;
        var issuer = o.Issuer!.TrimEnd('/');
        Json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["resource"] = o.PublicOrigin!.TrimEnd('/'),
            ["authorization_servers"] = new[] { o.Issuer! },
            ["jwks_uri"] = o.EffectiveJwksUri,
            ["resource_documentation"] = issuer + "/auth.md",
            ["bearer_methods_supported"] = new[] { "header" },
            ["dpop_signing_alg_values_supported"] = new[] { "EdDSA" },
            ["dpop_bound_access_tokens_required"] = true,
        });
    }

    public byte[] Json { get; }
}
