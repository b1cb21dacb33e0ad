using Passport.Gateway.Configuration;

namespace Passport.Gateway.Tokens.Issuers;

/// <summary>Where a configured issuer's metadata document is, per <c>Passport:Issuers:N:Discovery</c>.</summary>
internal static class IssuerMetadataUrls
{
    private const string OAuthWellKnown = "/.well-known/oauth-authorization-server";
    private const string OpenIdWellKnown = "/.well-known/openid-configuration";

    /// <summary>The documents to try, in order: <c>Auto</c> is RFC 8414 then OpenID Connect discovery.</summary>
    public static IReadOnlyList<Uri> For(string issuer, IssuerDiscovery discovery) => discovery switch
    {
        IssuerDiscovery.OAuth => [OAuth(issuer)],
        IssuerDiscovery.OpenId => [OpenId(issuer)],
        _ => [OAuth(issuer), OpenId(issuer)],
    };

    /// <summary>RFC 8414 §3.1: the well-known segment goes between the host and the issuer's path (<c>https://a/t1</c> → <c>https://a/.well-known/oauth-authorization-server/t1</c>).</summary>
    public static Uri OAuth(string issuer)
    {
        var uri = new Uri(issuer);
        var path = uri.AbsolutePath.TrimEnd('/');
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + OAuthWellKnown + path);
    }

    /// <summary>OpenID Connect Discovery 1.0 §4: the well-known segment is appended to the issuer (after removing a trailing '/').</summary>
    public static Uri OpenId(string issuer) => new(issuer.TrimEnd('/') + OpenIdWellKnown);
}
