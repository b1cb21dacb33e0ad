using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Passport.AspNetCore.Resources;
using Passport.Core.Protocol;
using Passport.Gateway.Configuration;
using Passport.Gateway.Policies;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace Passport.Gateway.Discovery;

/// <summary>
/// One protected resource per route (RFC 9728 §1, RFC 8707): <c>Passport:Resource</c>, else the public origin + the literal
/// prefix of the route's path. Serves the scheme (challenges point at the route's document; a token whose <c>aud</c> is
/// not a configured audience must name the route's resource) and the path-inserted metadata documents (RFC 9728 §3.1).
/// Computed once per route config (a reload makes new configs).
/// </summary>
internal sealed class RouteResources(IOptions<PassportGatewayOptions> options, IProxyStateLookup routes) : IPassportResourceResolver
{
    private readonly ConditionalWeakTable<RouteConfig, Entry> _entries = new();
    private readonly string _origin = options.Value.PublicOrigin!.TrimEnd('/');

    /// <inheritdoc />
    public PassportResource? Resolve(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is { } model ? For(model.Config).Resource : null;

    /// <summary>The metadata document of the resource whose path is <paramref name="resourcePath"/> (<c>/mcp</c>), or null when no route has it.</summary>
    public byte[]? Document(string resourcePath)
    {
        var wanted = _origin + resourcePath.TrimEnd('/');
        foreach (var route in routes.GetRoutes())
        {
            var entry = For(route.Config);
            if (entry.Resource is { } resource && string.Equals(resource.Resource, wanted, StringComparison.Ordinal)) return entry.Document;
        }
        return null;
    }

    private Entry For(RouteConfig route) => _entries.GetValue(route, Create);

    private Entry Create(RouteConfig route)
    {
        var policy = RoutePolicies.For(route);
        if (policy.Anonymous) return new Entry(null, null);
        var resource = policy.Resource ?? _origin + LiteralPrefix(route.Match.Path);
        var passportResource = new PassportResource(resource, MetadataUrl(resource), policy.Scopes.Length > 0 ? policy.ScopeText : null);
        return new Entry(passportResource, ProtectedResourceMetadata.Serialize(options.Value, resource, policy.Scopes));
    }

    /// <summary>RFC 9728 §3.1: the well-known segment inserted between the resource's origin and its path.</summary>
    public static string MetadataUrl(string resource)
    {
        var uri = new Uri(resource);
        var path = uri.AbsolutePath.TrimEnd('/');
        return uri.GetLeftPart(UriPartial.Authority) + WellKnownPaths.ProtectedResource + path;
    }

    /// <summary>The part of a YARP route pattern before its first parameter, without a trailing '/': <c>/mcp/{**rest}</c> → <c>/mcp</c>.</summary>
    public static string LiteralPrefix(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern)) return "";
        var brace = pattern.IndexOf('{', StringComparison.Ordinal);
        var literal = brace < 0 ? pattern : pattern[..brace];
        // A parameter inside a segment (/v{version}/x) leaves a partial segment: keep whole segments only.
        if (brace >= 0 && !literal.EndsWith('/')) literal = literal[..(literal.LastIndexOf('/') + 1)];
        var trimmed = literal.Trim('/');
        return trimmed.Length == 0 ? "" : "/" + trimmed;
    }

    private sealed record Entry(PassportResource? Resource, byte[]? Document);
}
