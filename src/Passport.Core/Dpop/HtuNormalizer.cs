namespace Passport.Core.Dpop;

/// <summary>
/// Normalises HTTP URIs for the <c>htu</c> comparison of RFC 9449 §4.3 step 9: scheme and host lowercased,
/// default ports removed, empty path as <c>/</c>, query and fragment dropped, percent-encoding normalised (RFC 3986 §6.2.2).
/// </summary>
public static class HtuNormalizer
{
    /// <summary>Normalises <paramref name="uri"/>; null when it is not an absolute http(s) URI.</summary>
    public static string? Normalize(string? uri)
    {
        if (string.IsNullOrEmpty(uri) || uri.Length > 8192 || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            return null;
        }
        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }
        return Normalize(parsed);
    }

    /// <summary>Normalises an absolute http(s) URI.</summary>
    public static string Normalize(Uri uri)
    {
        var authority = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
        if (uri.HostNameType == UriHostNameType.IPv6)
        {
            authority = uri.IsDefaultPort ? $"[{uri.IdnHost}]" : $"[{uri.IdnHost}]:{uri.Port}";
        }
        var path = uri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
        return $"{uri.Scheme}://{authority.ToLowerInvariant()}{(path.Length == 0 ? "/" : path)}";
    }

    /// <summary>
    /// True when the proof's <c>htu</c> designates the same URI as <paramref name="expectedNormalized"/>, the request URI.
    /// Both sides are compared without query and fragment, ordinally first so that the common, already-normal case does
    /// not parse a URI; otherwise both are normalised with <see cref="Normalize(string)"/> (so a request URI that is not
    /// already normal, e.g. <c>https://X:443/a?q</c>, still matches <c>https://x/a</c>).
    /// </summary>
    public static bool Matches(string proofHtu, string expectedNormalized)
    {
        if (WithoutQuery(proofHtu).SequenceEqual(WithoutQuery(expectedNormalized)))
        {
            return true;
        }
        var normalized = Normalize(proofHtu);
        if (normalized is null)
        {
            return false;
        }
        if (string.Equals(normalized, expectedNormalized, StringComparison.Ordinal))
        {
            return true;
        }
        var expected = Normalize(expectedNormalized);
        return expected is not null && string.Equals(normalized, expected, StringComparison.Ordinal);
    }

    private static ReadOnlySpan<char> WithoutQuery(string uri)
    {
        var end = uri.AsSpan().IndexOfAny('?', '#');
        return end < 0 ? uri.AsSpan() : uri.AsSpan(0, end);
    }
}
