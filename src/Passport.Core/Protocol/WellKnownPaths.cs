namespace Passport.Core.Protocol;

/// <summary>The well-known paths (RFC 8615) every component serves or discovers.</summary>
public static class WellKnownPaths
{
    /// <summary>OAuth 2.0 Protected Resource Metadata (RFC 9728 §3).</summary>
    public const string ProtectedResource = "/.well-known/oauth-protected-resource";

    /// <summary>OAuth 2.0 Authorization Server Metadata (RFC 8414 §3).</summary>
    public const string AuthorizationServer = "/.well-known/oauth-authorization-server";

    /// <summary>The IdP's JWK Set (RFC 7517 §5), published as the metadata's <c>jwks_uri</c> (RFC 8414 §2).</summary>
    public const string Jwks = "/.well-known/jwks.json";
}
