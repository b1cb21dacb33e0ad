using Passport.Core.Protocol;
using Yarp.ReverseProxy.Transforms;

namespace Passport.Gateway.Streaming;

/// <summary>
/// Sends a <c>text/event-stream</c> response's headers to the client as soon as the upstream's arrive, on every route.
/// </summary>
/// <remarks>
/// YARP deliberately does not start the client response when the upstream's headers arrive (HttpForwarder, before
/// "Step 7-B": a gRPC trailers-only answer must end the stream with its headers), and Kestrel sends headers on the first
/// body write or flush. For an event stream that first write is the first event, which may be minutes away: the client
/// saw nothing, and YARP's activity timeout ended the request with a 502 before any event. Here the response is started
/// when YARP begins to read the upstream body — after every response transform has run (later transforms, the host's
/// included, can still change headers) and after YARP's 101 check — by wrapping the upstream content. Only event streams:
/// for other responses the body follows the headers at once, and a separate header write would only cost a packet.
/// </remarks>
internal sealed class EventStreamHeadersTransform : ResponseTransform
{
    public static readonly EventStreamHeadersTransform Instance = new();

    public override ValueTask ApplyAsync(ResponseTransformContext context)
    {
        if (context.ProxyResponse is { Content: { } content } upstream
            && string.Equals(content.Headers.ContentType?.MediaType, MediaTypes.EventStream, StringComparison.OrdinalIgnoreCase)
            && !context.HttpContext.Response.HasStarted)
        {
            upstream.Content = new StartResponseOnReadContent(content, context.HttpContext.Response);
        }
        return ValueTask.CompletedTask;
    }
}
