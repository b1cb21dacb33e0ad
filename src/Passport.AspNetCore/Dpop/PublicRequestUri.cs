using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Passport.Core.Dpop;
using Passport.Core.Proxies;

namespace Passport.AspNetCore.Dpop;

/// <summary>
/// The URI the client addressed, for the <c>htu</c> check: the public origin + the raw request path (no query).
/// <c>X-Forwarded-Proto</c>, <c>-Host</c> and <c>-Prefix</c> change it only when the connection comes from a trusted proxy.
/// Never built from the client's Host header.
/// </summary>
public sealed class PublicRequestUri
{
    private readonly string _origin;
    private readonly string _scheme;
    private readonly TrustedProxyList _proxies;

    /// <summary>URIs under <paramref name="publicOrigin"/>; forwarded headers count only from <paramref name="trustedProxies"/> (addresses or CIDR ranges).</summary>
    public PublicRequestUri(string publicOrigin, IEnumerable<string> trustedProxies)
    {
        _origin = (HtuNormalizer.Normalize(publicOrigin) ?? throw new ArgumentException($"Invalid public origin '{publicOrigin}'.", nameof(publicOrigin))).TrimEnd('/');
        _scheme = new Uri(_origin).Scheme;
        _proxies = new TrustedProxyList(trustedProxies);
    }

    /// <summary>The normalised public URI (RFC 9449 §4.3 step 9) of <paramref name="context"/>'s request.</summary>
    public string For(HttpContext context)
    {
        var origin = _origin;
        var prefix = "";
        if (!_proxies.IsEmpty && _proxies.Contains(context.Connection.RemoteIpAddress))
        {
            (origin, prefix) = Forwarded(context.Request.Headers, origin);
        }
        var path = RawPath(context);
        var uri = string.Concat(origin, prefix, path);
        return NeedsNormalizing(uri.AsSpan(origin.Length)) ? HtuNormalizer.Normalize(uri) ?? uri : uri;
    }

    private static string RawPath(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (!string.IsNullOrEmpty(raw) && raw[0] == '/')
        {
            var end = raw.AsSpan().IndexOfAny('?', '#');
            return end < 0 ? raw : raw[..end];
        }
        var request = context.Request;
        return (request.PathBase + request.Path).ToUriComponent() is { Length: > 0 } p ? p : "/";
    }

    private (string Origin, string Prefix) Forwarded(IHeaderDictionary headers, string origin)
    {
        var host = LastValue(headers["X-Forwarded-Host"]);
        var proto = LastValue(headers["X-Forwarded-Proto"]);
        var prefix = LastValue(headers["X-Forwarded-Prefix"]) ?? "";
        if (prefix.Length > 0 && (prefix[0] != '/' || prefix.Contains("//", StringComparison.Ordinal))) prefix = "";
        prefix = prefix.TrimEnd('/');
        if (host is not null)
        {
            var scheme = proto is "http" or "https" ? proto : _scheme;
            var candidate = HtuNormalizer.Normalize($"{scheme}://{host}/");
            if (candidate is not null) origin = candidate.TrimEnd('/');
        }
        return (origin, prefix);
    }

    // The right-most value is the one the nearest (trusted) proxy wrote.
    private static string? LastValue(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count == 0) return null;
        var last = values[values.Count - 1];
        if (string.IsNullOrWhiteSpace(last)) return null;
        var comma = last.LastIndexOf(',');
        return (comma < 0 ? last : last[(comma + 1)..]).Trim();
    }

    private static bool NeedsNormalizing(ReadOnlySpan<char> path) =>
        path.Contains('%') || path.Contains("/.", StringComparison.Ordinal) || path.IndexOfAnyExceptInRange((char)0x21, (char)0x7e) >= 0;
}
