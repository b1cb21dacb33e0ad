using Yarp.ReverseProxy.Transforms;

namespace Passport.Gateway.Forwarding;

/// <summary>Removes every inbound header that starts with the identity prefix (anti-spoofing), on every route, anonymous ones included.</summary>
internal sealed class StripInboundIdentityTransform(string prefix) : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        foreach (var header in context.HttpContext.Request.Headers)
        {
            if (header.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) RemoveHeader(context, header.Key);
        }
        return ValueTask.CompletedTask;
    }
}
