using System.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace Passport.Gateway.Forwarding;

/// <summary>
/// Removes from the proxied request every header an upstream could read as an identity header
/// (<see cref="IdentityHeaderNames.Covers"/>: case, <c>_</c>, <c>.</c> variants included), on every route, anonymous ones
/// included. It looks at the outgoing request, not the inbound one, so whatever was copied or added before this transform
/// is covered; it runs before <see cref="IdentityHeadersTransform"/>, so the gateway's own values are the only ones left.
/// </summary>
internal sealed class StripInboundIdentityTransform(IdentityHeaderNames names) : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        Strip(context.ProxyRequest.Headers);
        if (context.ProxyRequest.Content is { } content) Strip(content.Headers);
        return ValueTask.CompletedTask;
    }

    private void Strip(HttpHeaders headers)
    {
        // Names are collected first because removing while enumerating is not allowed; nothing is allocated when no
        // header matches, which is every honest request.
        List<string>? spoofed = null;
        foreach (var header in headers.NonValidated)
        {
            if (names.Covers(header.Key)) (spoofed ??= []).Add(header.Key);
        }
        if (spoofed is null) return;
        foreach (var name in spoofed) headers.Remove(name);
    }
}
