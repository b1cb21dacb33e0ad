namespace Passport.Core.Dpop;

/// <summary>Limits and policy for <see cref="DpopProofValidator"/>.</summary>
public sealed class DpopProofValidationOptions
{
    /// <summary>
    /// How far <c>iat</c> may be from now, in either direction (RFC 9449 §11.1). Default 60 seconds. It is also the clock
    /// skew allowed for the optional <c>exp</c> and <c>nbf</c> claims (RFC 7519 §4.1.4–5).
    /// </summary>
    public TimeSpan IssuedAtWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest proof accepted, in characters; larger proofs are refused before parsing. Default 4096.</summary>
    public int MaxProofLength { get; set; } = 4096;

    /// <summary>Longest <c>jti</c> accepted, in characters. Default 256.</summary>
    public int MaxJtiLength { get; set; } = 256;

    /// <summary>When true, a proof presented with an access token must carry <c>ath</c>. Default false (checked when present).</summary>
    public bool RequireAth { get; set; }

    /// <summary>
    /// Also accept proofs signed <c>ES256</c> with an EC P-256 <c>jwk</c> (RFC 9449 §4.2, RFC 7518 §3.4), as agents of
    /// other authorization servers send. Default false: only <c>EdDSA</c>/<c>Ed25519</c>, what the Passport IdP advertises.
    /// </summary>
    public bool AcceptEs256 { get; set; }
}
