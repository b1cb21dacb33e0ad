namespace Passport.Gateway.Policies;

/// <summary>
/// Route metadata keys contain ':' (<c>Passport:Scopes</c>), which .NET configuration reads as nesting; YARP's loader keeps
/// only direct children. This restores the flat keys from <c>ReverseProxy:Routes:{id}:Metadata</c> so both spellings work:
/// <c>"Metadata": { "Passport:Scopes": "…" }</c> in JSON and <c>ReverseProxy__Routes__r1__Metadata__Passport__Scopes</c> in the environment.
/// </summary>
internal static class RouteMetadataFlattener
{
    public static Dictionary<string, string> Flatten(IConfigurationSection metadata, IReadOnlyDictionary<string, string>? existing)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (existing is not null)
        {
            foreach (var (key, value) in existing)
            {
                if (value is not null) result[key] = value;
            }
        }
        foreach (var (key, value) in metadata.AsEnumerable(makePathsRelative: true))
        {
            if (value is not null) result[key] = value;
        }
        return result;
    }
}
