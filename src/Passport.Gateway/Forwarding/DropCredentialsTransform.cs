using Microsoft.Net.Http.Headers;
using Passport.Core.Protocol;
using Yarp.ReverseProxy.Transforms;

namespace Passport.Gateway.Forwarding;

/// <summary>Drops <c>Authorization</c> and <c>DPoP</c>: the upstream gets identity headers, not the agent's credentials.</summary>
internal sealed class DropCredentialsTransform : RequestTransform
{
    public static readonly DropCredentialsTransform Instance = new();

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        RemoveHeader(context, HeaderNames.Authorization);
        RemoveHeader(context, DpopConstants.HeaderName);
        return ValueTask.CompletedTask;
    }
}
