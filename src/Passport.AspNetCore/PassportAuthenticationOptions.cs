using Microsoft.AspNetCore.Authentication;

namespace Passport.AspNetCore;

/// <summary>
/// Options of the Passport authentication scheme (docs/aspnetcore.md lists each with its default). <see cref="Issuer"/>,
/// <see cref="Audiences"/> and <see cref="PublicOrigin"/> are required; <see cref="PassportAuthenticationOptionsValidator"/> checks them at start.
/// </summary>
public sealed class PassportAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>Creates the options with <see cref="PassportAuthenticationEvents"/> as events.</summary>
    public PassportAuthenticationOptions()
    {
        Events = new PassportAuthenticationEvents();
    }

    /// <summary>The trusted issuer: the token's <c>iss</c> must equal it (the IdP's origin, e.g. <c>https://idp.example</c>). Required.</summary>
    public string? Issuer { get; set; }

    /// <summary>Accepted <c>aud</c> values; at least one. Default: empty (the validator requires one).</summary>
    public ICollection<string> Audiences { get; set; } = new List<string>();

    /// <summary>
    /// The origin clients address (scheme, host, port), for the proof's <c>htu</c>: never taken from the Host header. Required.
    /// </summary>
    public string? PublicOrigin { get; set; }

    /// <summary>Proxies (addresses or CIDR ranges) whose <c>X-Forwarded-Proto/-Host/-Prefix</c> may change the <c>htu</c>. Default: none.</summary>
    public ICollection<string> TrustedProxies { get; set; } = new List<string>();

    /// <summary>How far a proof's <c>iat</c> may be from now, in seconds (RFC 9449 §11.1); also bounds how long its jti is kept. Default: 60.</summary>
    public int ProofIssuedAtWindowSeconds { get; set; } = 60;

    /// <summary>Require the proof's <c>ath</c> (hash of the access token). Default: false (checked whenever present).</summary>
    public bool RequireAth { get; set; }

    /// <summary>
    /// Accept <c>ES256</c> DPoP proofs (P-256 keys, RFC 9449 §4.2) besides EdDSA. Default: false. The gateway turns it on
    /// (it advertises both in <c>dpop_signing_alg_values_supported</c>).
    /// </summary>
    public bool AcceptEs256Proofs { get; set; }

    /// <summary>The largest DPoP proof accepted, in characters. Default: 4096.</summary>
    public int MaxProofLength { get; set; } = 4096;

    /// <summary>
    /// The RFC 9728 <c>resource_metadata</c> URL of every challenge. Default: <see cref="PublicOrigin"/> +
    /// <c>/.well-known/oauth-protected-resource</c>.
    /// </summary>
    public string? ResourceMetadataUrl { get; set; }

    /// <summary>The <c>Retry-After</c> of 503 refusals (replay store or revocation source unavailable), in seconds. Default: 1.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Hooks for hosts that need them (refusals, validated tokens).</summary>
    public new PassportAuthenticationEvents Events
    {
        get => (PassportAuthenticationEvents)base.Events!;
        set => base.Events = value;
    }

    /// <summary>The effective <see cref="ResourceMetadataUrl"/>.</summary>
    internal string EffectiveResourceMetadataUrl =>
        ResourceMetadataUrl ?? PublicOrigin?.TrimEnd('/') + PassportAuthenticationDefaults.ResourceMetadataPath;

    // Built once per options instance by the handler (options are cached per scheme).
    internal PassportSchemeState? State { get; set; }
}
