using Microsoft.Extensions.Options;
using Passport.Gateway.Configuration;
using Passport.Gateway.Policies;
using Passport.Gateway.Streaming;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Passport.Gateway.Forwarding;

/// <summary>
/// Adds the Passport transforms to every route, anonymous and policy-less ones included: strip inbound identity headers
/// (and their <c>_</c>/case variants), drop credentials unless
/// <c>Passport:ForwardCredentials=true</c>, add identity headers; on the way back, send an event stream's headers as soon
/// as the upstream's arrive (<see cref="EventStreamHeadersTransform"/>). Route metadata is validated here too, at config load.
/// YARP's default <c>X-Forwarded-*</c> transforms stay on.
/// </summary>
internal sealed class PassportTransformProvider(IOptions<PassportGatewayOptions> options) : ITransformProvider
{
    private readonly IdentityHeaderNames _names = new(options.Value.Headers.Prefix);

    public void ValidateRoute(TransformRouteValidationContext context)
    {
        var errors = new List<string>();
        RoutePolicy.Parse(context.Route.RouteId, context.Route.Metadata, errors);
        foreach (var error in errors) context.Errors.Add(new ArgumentException(error));
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        var policy = RoutePolicies.For(context.Route);
        context.RequestTransforms.Add(new StripInboundIdentityTransform(_names));
        if (!policy.ForwardCredentials) context.RequestTransforms.Add(DropCredentialsTransform.Instance);
        if (!policy.Anonymous) context.RequestTransforms.Add(new IdentityHeadersTransform(_names));
        context.ResponseTransforms.Add(EventStreamHeadersTransform.Instance);
    }
}
