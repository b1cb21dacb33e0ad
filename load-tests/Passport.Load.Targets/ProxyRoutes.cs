using Yarp.ReverseProxy.Configuration;

namespace Passport.Load.Targets;

/// <summary>The one route config every proxy in the comparison uses: everything to one upstream cluster.</summary>
public static class ProxyRoutes
{
    /// <summary>The route, with <paramref name="authorizationPolicy"/> when the host authenticates.</summary>
    public static RouteConfig[] Routes(string? authorizationPolicy) =>
    [
        new RouteConfig
        {
            RouteId = "upstream",
            ClusterId = "upstream",
            Match = new RouteMatch { Path = "/{**catch-all}" },
            AuthorizationPolicy = authorizationPolicy,
        },
    ];

    /// <summary>The cluster: one destination, <paramref name="upstream"/>.</summary>
    public static ClusterConfig[] Clusters(string upstream) =>
    [
        new ClusterConfig
        {
            ClusterId = "upstream",
            Destinations = new Dictionary<string, DestinationConfig> { ["upstream"] = new() { Address = upstream } },
        },
    ];
}
