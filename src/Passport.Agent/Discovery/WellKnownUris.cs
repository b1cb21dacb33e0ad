using Passport.Core.Protocol;
namespace Passport.Agent;

/// <summary>Well-known metadata locations: RFC 8414 §3.1 and RFC 9728 §3.1 insert the well-known segment between host and path.</summary>
internal static class WellKnownUris
{
    public const string AuthorizationServer = WellKnownPaths.AuthorizationServer;
    public const string ProtectedResource = WellKnownPaths.ProtectedResource;

    public static Uri For(Uri identifier, string wellKnown)
    {
        var path = identifier.AbsolutePath.TrimEnd('/');
        return new Uri(identifier.GetLeftPart(UriPartial.Authority) + wellKnown + path);
    }

    /// <summary>A seeds/004 endpoint path relative to the issuer (issuer path kept).</summary>
    public static Uri Relative(Uri issuer, string path) =>
        new(issuer.GetLeftPart(UriPartial.Authority) + issuer.AbsolutePath.TrimEnd('/') + path);
}
