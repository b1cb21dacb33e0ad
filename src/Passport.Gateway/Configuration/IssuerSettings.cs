using Passport.Core.Protocol;

namespace Passport.Gateway.Configuration;

/// <summary>
/// One entry of <c>Passport:Issuers</c>: an authorization server other than the Passport IdP whose DPoP-bound JWT access
/// tokens (RFC 9068) the gateway trusts. The Passport IdP itself stays configured by <c>Passport:Issuer</c> and is named
/// <see cref="IssuerNames.Passport"/> in route allow-lists. Documented with defaults in docs/configuration.md and docs/issuers.md.
/// </summary>
public sealed class IssuerSettings
{
    /// <summary>Short name used by route metadata <c>Passport:Issuers</c> and in logs, e.g. <c>keycloak</c>. Required, unique, not <c>passport</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The issuer identifier: the exact <c>iss</c> accepted (RFC 8414 §2). Required, absolute http(s) URL.</summary>
    public string? Issuer { get; set; }

    /// <summary>The JWKS URL. Default: <c>jwks_uri</c> from the issuer's metadata (see <see cref="Discovery"/>).</summary>
    public string? JwksUri { get; set; }

    /// <summary>
    /// How <c>jwks_uri</c> is found when <see cref="JwksUri"/> is not set: <c>Auto</c> (default: RFC 8414
    /// <c>/.well-known/oauth-authorization-server</c>, then OpenID Connect discovery), <c>OAuth</c> or <c>OpenId</c>.
    /// The metadata's <c>issuer</c> must equal <see cref="Issuer"/> (RFC 8414 §3.3).
    /// </summary>
    public string Discovery { get; set; } = "Auto";

    /// <summary>Accepted token <c>alg</c> values. Default <c>ES256</c>, <c>RS256</c>; allowed EdDSA, Ed25519, ES256, ES384, RS256, PS256 (never <c>none</c> or HMAC).</summary>
    public List<string> Algorithms { get; set; } = [];

    /// <summary>Accepted <c>aud</c> values. Default: the gateway's <c>Passport:Audiences</c> in effect.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>Require the token to be DPoP-bound (<c>cnf.jkt</c>, RFC 9449 §6.1). Default true.</summary>
    public bool RequireDpop { get; set; } = true;

    /// <summary>Tolerance applied to <c>exp</c>/<c>nbf</c>, in seconds (0–300). Default 60.</summary>
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>Which token claims feed the identity headers. Defaults are the RFC 9068 names.</summary>
    public IssuerClaimSettings Claims { get; set; } = new();

    /// <summary>The algorithms in effect.</summary>
    public IReadOnlyList<string> EffectiveAlgorithms => Algorithms.Count > 0 ? Algorithms : IssuerAlgorithms.Default;
}

/// <summary><c>Passport:Issuers:N:Claims</c>: claim names read from a foreign token (RFC 9068 §2.2 by default).</summary>
public sealed class IssuerClaimSettings
{
    /// <summary>The subject claim. Default <c>sub</c>.</summary>
    public string Subject { get; set; } = "sub";

    /// <summary>The OAuth client claim. Default <c>client_id</c> (RFC 9068 §2.2).</summary>
    public string ClientId { get; set; } = "client_id";

    /// <summary>The scope claim: a space-separated string or an array. Default <c>scope</c> (RFC 9068 §2.2.3); Entra and Okta use <c>scp</c>.</summary>
    public string Scope { get; set; } = "scope";

    /// <summary>The delegation claim (RFC 8693 §4.1). Default <c>act</c>.</summary>
    public string Actor { get; set; } = "act";
}

/// <summary>Names reserved in issuer lists.</summary>
public static class IssuerNames
{
    /// <summary>The Passport IdP configured by <c>Passport:Issuer</c>, in route allow-lists.</summary>
    public const string Passport = "passport";
}

/// <summary>Token signature algorithms a configured issuer may use.</summary>
internal static class IssuerAlgorithms
{
    /// <summary>What most authorization servers sign with (Keycloak, Entra, Okta, Duende): ES256 and RS256.</summary>
    public static readonly IReadOnlyList<string> Default = [JoseAlgorithms.ES256, JoseAlgorithms.RS256];

    /// <summary>Every algorithm the foreign-token path verifies; asymmetric only, so <c>none</c> and HMAC can never be configured.</summary>
    public static readonly IReadOnlyList<string> Supported =
        [JoseAlgorithms.EdDsa, JoseAlgorithms.Ed25519, JoseAlgorithms.ES256, JoseAlgorithms.ES384, JoseAlgorithms.RS256, JoseAlgorithms.PS256];

    public static bool IsSupported(string? alg) => alg is not null && Supported.Contains(alg, StringComparer.Ordinal);
}
