namespace Passport.Gateway.Policies;

/// <summary>A route's Passport policy, parsed from its YARP <c>Metadata</c>. Parsing reports every bad value, naming route and key.</summary>
internal sealed record RoutePolicy(
    string[] Scopes, bool SelfScopes, bool RequireClaimed, bool AllowDelegation, bool Anonymous, bool ForwardCredentials, string? Resource = null, bool Streaming = false,
    string[]? Issuers = null)
{
    public static readonly RoutePolicy Default = new([], false, false, true, false, false);

    /// <summary>The required scopes as one space-separated string (for <c>scope=</c> in the challenge).</summary>
    public string ScopeText { get; } = string.Join(' ', Scopes);

    public static RoutePolicy Parse(string routeId, IReadOnlyDictionary<string, string>? metadata, List<string> errors)
    {
        if (metadata is null || metadata.Count == 0) return Default;
        var scopes = Array.Empty<string>();
        if (metadata.TryGetValue(RouteMetadataKeys.Scopes, out var scopeText) && !string.IsNullOrWhiteSpace(scopeText))
        {
            scopes = scopeText.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var scope in scopes)
            {
                // RFC 6749 §3.3 scope-token: %x21 / %x23-5B / %x5D-7E
                if (scope.Any(c => c < 0x21 || c > 0x7e || c == '"' || c == '\\'))
                {
                    errors.Add($"Route '{routeId}': {RouteMetadataKeys.Scopes} holds '{scope}', which is not an RFC 6749 scope token (visible ASCII without '\"' or '\\').");
                }
            }
        }
        var policy = new RoutePolicy(
            scopes,
            Bool(routeId, metadata, RouteMetadataKeys.SelfScopes, false, errors),
            Bool(routeId, metadata, RouteMetadataKeys.RequireClaimed, false, errors),
            Bool(routeId, metadata, RouteMetadataKeys.AllowDelegation, true, errors),
            Bool(routeId, metadata, RouteMetadataKeys.Anonymous, false, errors),
            Bool(routeId, metadata, RouteMetadataKeys.ForwardCredentials, false, errors),
            ResourceUrl(routeId, metadata, errors),
            Bool(routeId, metadata, RouteMetadataKeys.Streaming, false, errors),
            IssuerList(routeId, metadata, errors));
        if (policy.Anonymous && (scopes.Length > 0 || policy.RequireClaimed))
        {
            errors.Add($"Route '{routeId}': {RouteMetadataKeys.Anonymous}=true cannot be combined with {RouteMetadataKeys.Scopes} or {RouteMetadataKeys.RequireClaimed}; remove one.");
        }
        foreach (var key in metadata.Keys)
        {
            if (key.StartsWith("Passport:", StringComparison.OrdinalIgnoreCase) && !Known.Contains(key))
            {
                errors.Add($"Route '{routeId}': unknown metadata key '{key}'; known keys are {string.Join(", ", Known)}.");
            }
        }
        return policy;
    }

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        RouteMetadataKeys.Scopes, RouteMetadataKeys.SelfScopes, RouteMetadataKeys.RequireClaimed,
        RouteMetadataKeys.AllowDelegation, RouteMetadataKeys.Anonymous, RouteMetadataKeys.ForwardCredentials,
        RouteMetadataKeys.Resource, RouteMetadataKeys.Streaming, RouteMetadataKeys.Issuers,
    };

    /// <summary>True when the route accepts tokens of the issuer named <paramref name="name"/> (names compare ignoring case, as configuration does).</summary>
    public bool AllowsIssuer(string name)
    {
        if (Issuers is null) return true;
        foreach (var allowed in Issuers)
        {
            if (string.Equals(allowed, name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Adds an error for each name of the route's <c>Passport:Issuers</c> that is neither <c>passport</c> nor a configured entry.</summary>
    public void CheckIssuerNames(string routeId, IEnumerable<string?> configured, List<string> errors)
    {
        if (Issuers is null) return;
        var known = new HashSet<string>(configured.OfType<string>(), StringComparer.OrdinalIgnoreCase) { Configuration.IssuerNames.Passport };
        foreach (var name in Issuers)
        {
            if (!known.Contains(name))
            {
                errors.Add($"Route '{routeId}': {RouteMetadataKeys.Issuers} names '{name}', which is neither 'passport' nor the Name of a Passport:Issuers entry.");
            }
        }
    }

    // Absent: null (every trusted issuer). Present: at least one name; an empty value is a mistake, not "nobody".
    private static string[]? IssuerList(string routeId, IReadOnlyDictionary<string, string> metadata, List<string> errors)
    {
        if (!metadata.TryGetValue(RouteMetadataKeys.Issuers, out var text)) return null;
        var names = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) errors.Add($"Route '{routeId}': {RouteMetadataKeys.Issuers} is empty; name at least one issuer (passport for the IdP) or remove the key.");
        return names.Length == 0 ? null : names;
    }

    // RFC 8707 §2: an absolute URI without fragment; RFC 9728 §1.2 adds no query. Trailing '/' dropped so equal resources compare equal.
    private static string? ResourceUrl(string routeId, IReadOnlyDictionary<string, string> metadata, List<string> errors)
    {
        if (!metadata.TryGetValue(RouteMetadataKeys.Resource, out var text) || string.IsNullOrWhiteSpace(text)) return null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || text.Contains('#', StringComparison.Ordinal) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add($"Route '{routeId}': {RouteMetadataKeys.Resource} must be an absolute http(s) URL without query, fragment or user info (RFC 8707 §2); got '{text}'.");
            return null;
        }
        return text.Trim().TrimEnd('/');
    }

    private static bool Bool(string routeId, IReadOnlyDictionary<string, string> metadata, string key, bool fallback, List<string> errors)
    {
        if (!metadata.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text)) return fallback;
        if (bool.TryParse(text.Trim(), out var value)) return value;
        errors.Add($"Route '{routeId}': {key} must be true or false; got '{text}'.");
        return fallback;
    }
}
