namespace Passport.Core.Protocol;

/// <summary>Media types of the protocol's responses.</summary>
public static class MediaTypes
{
    /// <summary>An RFC 9457 problem details body (RFC 9457 §3).</summary>
    public const string ProblemJson = "application/problem+json";

    /// <summary>A server-sent event stream (WHATWG HTML, "Server-sent events").</summary>
    public const string EventStream = "text/event-stream";
}
