using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Passport.Gateway.Configuration;
using Passport.Gateway.Policies;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Passport.Gateway.Streaming;

/// <summary>
/// Proxy-pipeline step for routes marked <c>Passport:Streaming=true</c>: the request is forwarded with YARP's activity
/// timeout raised to <c>Passport:Streaming:ActivityTimeoutSeconds</c> (when the cluster's is shorter), so an idle SSE or
/// WebSocket stream is not cut after the cluster's timeout (YARP default 100 s). Every other route keeps its cluster's.
/// </summary>
/// <remarks>
/// YARP reads the activity timeout from <see cref="IReverseProxyFeature.Cluster"/>'s <c>HttpRequest</c> (a per-cluster
/// setting) when it forwards; the proxy pipeline may replace that snapshot per request (YARP's <c>ReverseProxyFeature.Cluster</c>
/// is settable for this; YARP docs, "Middleware"). The
/// replacement keeps every other cluster setting (version, version policy, response buffering, load balancing, affinity,
/// health checks) and the cluster's HTTP client; it is made once per cluster snapshot (config reloads make new ones).
/// </remarks>
internal sealed class StreamingActivityTimeout
{
    private readonly TimeSpan _timeout;
    private readonly ConditionalWeakTable<ClusterModel, ClusterModel> _lifted = new();
    private readonly ConditionalWeakTable<ClusterModel, ClusterModel>.CreateValueCallback _lift;

    public StreamingActivityTimeout(IOptions<PassportGatewayOptions> options)
    {
        _timeout = TimeSpan.FromSeconds(options.Value.Streaming.ActivityTimeoutSeconds);
        _lift = Lift;
    }

    public Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (RoutePolicies.For(context.GetRouteModel().Config).Streaming)
        {
            var proxy = context.GetReverseProxyFeature();
            var lifted = _lifted.GetValue(proxy.Cluster, _lift);
            if (proxy is ReverseProxyFeature yarps)
            {
                yarps.Cluster = lifted;
            }
            else
            {
                // Someone replaced YARP's feature with their own (read-only) one: replace it again, carrying everything over.
                context.Features.Set<IReverseProxyFeature>(new ReverseProxyFeature
                {
                    Route = proxy.Route,
                    Cluster = lifted,
                    AllDestinations = proxy.AllDestinations,
                    AvailableDestinations = proxy.AvailableDestinations,
                    ProxiedDestination = proxy.ProxiedDestination,
                });
            }
        }
        return next();
    }

    private ClusterModel Lift(ClusterModel cluster)
    {
        var request = cluster.Config.HttpRequest ?? ForwarderRequestConfig.Empty;
        if (request.ActivityTimeout is { } own && own >= _timeout) return cluster;
        return new ClusterModel(cluster.Config with { HttpRequest = request with { ActivityTimeout = _timeout } }, cluster.HttpClient);
    }
}
