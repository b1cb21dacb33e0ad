using System.Runtime.CompilerServices;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace Passport.Gateway.Policies;

/// <summary>The parsed policy of the route an endpoint belongs to, parsed once per route config (config reloads create new ones).</summary>
internal static class RoutePolicies
{
    private static readonly ConditionalWeakTable<RouteConfig, RoutePolicy> Parsed = new();

    public static RoutePolicy For(RouteConfig route) =>
        Parsed.GetValue(route, static r => RoutePolicy.Parse(r.RouteId, r.Metadata, []));

    public static RoutePolicy? For(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is { } model ? For(model.Config) : null;
}
