namespace Passport.Core.Protocol;

/// <summary>
/// RFC 8707 resource indicators and the prefix rule every component shares: a resource is accepted below a configured
/// prefix only at a path boundary, so <c>https://gw.example</c> covers <c>https://gw.example/mcp</c> but never
/// <c>https://gw.example.evil</c> or <c>https://gw.example-x/</c>. Compared as strings (ordinal), as RFC 9728 §3.3
/// compares resource identifiers.
/// </summary>
public static class ResourceIndicators
{
    /// <summary>Longest resource indicator accepted, in characters.</summary>
    public const int MaxLength = 2048;

    /// <summary>
    /// True when <paramref name="resource"/> is an absolute <c>http</c>/<c>https</c> URL without fragment (RFC 8707 §2:
    /// MUST NOT), query (SHOULD NOT; refused here so one resource has one spelling) or user information, at most
    /// <see cref="MaxLength"/> characters.
    /// </summary>
    public static bool IsWellFormed(string? resource) =>
        resource is { Length: > 0 and <= MaxLength }
        && resource.IndexOfAny(['#', '?']) < 0
        && Uri.TryCreate(resource, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.UserInfo.Length == 0
        && !string.IsNullOrEmpty(uri.Host);

    /// <summary>
    /// True when <paramref name="resource"/> equals <paramref name="prefix"/> or lies below it at a path boundary
    /// (the prefix followed by <c>/</c>); a trailing <c>/</c> on the prefix is ignored. No fragment is ever accepted.
    /// </summary>
    public static bool IsAtOrBelow(string resource, string prefix)
    {
        if (resource.Contains('#', StringComparison.Ordinal)) return false;
        var p = prefix.AsSpan().TrimEnd('/');
        var r = resource.AsSpan();
        if (!r.StartsWith(p, StringComparison.Ordinal)) return false;
        return r.Length == p.Length || r[p.Length] == '/';
    }
}
