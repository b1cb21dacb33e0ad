namespace Passport.Gateway.Configuration;

/// <summary>Which metadata document gives a configured issuer's <c>jwks_uri</c> (<c>Passport:Issuers:N:Discovery</c>).</summary>
internal enum IssuerDiscovery
{
    /// <summary>RFC 8414 authorization server metadata, then OpenID Connect discovery.</summary>
    Auto,
    /// <summary>RFC 8414 <c>/.well-known/oauth-authorization-server</c> only.</summary>
    OAuth,
    /// <summary>OpenID Connect Discovery 1.0 <c>/.well-known/openid-configuration</c> only.</summary>
    OpenId,
}

internal static class IssuerDiscoveries
{
    public static IssuerDiscovery? TryParse(string? value) =>
        Enum.TryParse<IssuerDiscovery>(value, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(value, out _) ? kind : null;
}
