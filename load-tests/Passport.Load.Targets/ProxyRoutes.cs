using Yarp.ReverseProxy.Configuration;

namespace Passport.Load.Targets;

/// <summary>
/// The route config every proxy in the comparison uses — the gateway's own (src/Passport.Gateway
/// passport-gateway.defaults.json, which the load runner also passes to the gateway): <c>orders-read</c> (GET
/// /orders/**), <c>orders-write</c> (other methods on /orders/**), <c>everything</c> (/**), all to cluster
/// <c>legacy</c>. The gateway's <c>Passport:*</c> route metadata means nothing to these hosts and is left out.
/// </summary>
public static class ProxyRoutes
{
    /// <summary>The routes, each with <paramref name="authorizationPolicy"/> when the host authenticates.</summary>
    public static RouteConfig[] Routes(string? authorizationPolicy) =>
    [
        Route("orders-read", "/orders/{**rest}", ["GET"], authorizationPolicy),
        Route("orders-write", "/orders/{**rest}", ["POST", "PUT", "PATCH", "DELETE"], authorizationPolicy),
        Route("everything", "/{**catch-all}", null, authorizationPolicy),
    ];

    /// <summary>The cluster: one destination, <paramref name="upstream"/>.</summary>
    public static ClusterConfig[] Clusters(string upstream) =>
    [
        new ClusterConfig
        {
            ClusterId = "legacy",
            Destinations = new Dictionary<string, DestinationConfig> { ["legacy-api"] = new() { Address = upstream } },
        },
    ];

    private static RouteConfig Route(string id, string path, string[]? methods, string? authorizationPolicy) => new()
    {
        RouteId = id,
        ClusterId = "legacy",
        Match = new RouteMatch { Path = path, Methods = methods },
        AuthorizationPolicy = authorizationPolicy,
    };
}
