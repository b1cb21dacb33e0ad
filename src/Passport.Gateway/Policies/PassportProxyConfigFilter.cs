using Microsoft.Extensions.Options;
using Passport.Gateway.Authentication;
using Passport.Gateway.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace Passport.Gateway.Policies;

/// <summary>
/// Validates every route's Passport metadata when the config loads (a bad value rejects the config, naming route and key)
/// and maps <c>Passport:Anonymous=true</c> to YARP's <c>anonymous</c> policy; other routes default to the <c>passport</c> policy.
/// </summary>
internal sealed class PassportProxyConfigFilter(IConfiguration configuration, IOptions<PassportGatewayOptions> options) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        var metadata = RouteMetadataFlattener.Flatten(configuration.GetSection($"ReverseProxy:Routes:{route.RouteId}:Metadata"), route.Metadata);
        route = route with { Metadata = metadata };
        var errors = new List<string>();
        var policy = RoutePolicy.Parse(route.RouteId, route.Metadata, errors);
        policy.CheckIssuerNames(route.RouteId, options.Value.Issuers.Select(i => i?.Name), errors);
        if (errors.Count > 0) throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        if (policy.Anonymous) return ValueTask.FromResult(route with { AuthorizationPolicy = "anonymous" });
        if (string.IsNullOrEmpty(route.AuthorizationPolicy)) return ValueTask.FromResult(route with { AuthorizationPolicy = GatewayAuthentication.Policy });
        return ValueTask.FromResult(route);
    }
}
