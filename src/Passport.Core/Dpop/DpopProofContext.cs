namespace Passport.Core.Dpop;

/// <summary>What a proof is checked against: the request it came with and, for resource access, the token it must be bound to.</summary>
/// <param name="Proof">The DPoP header value (compact JWS).</param>
/// <param name="Method">The request method, e.g. <c>GET</c> (compared case-sensitively with <c>htm</c>, RFC 9449 §4.3 step 8).</param>
/// <param name="Uri">The request URI as the server sees it publicly; query and fragment are ignored (RFC 9449 §4.3 step 9).</param>
/// <param name="AccessToken">The access token the proof accompanies, for the <c>ath</c> check; null at a token endpoint.</param>
/// <param name="ExpectedJkt">The token's <c>cnf.jkt</c> (base64url RFC 7638 thumbprint); null to skip the binding check.</param>
/// <param name="ExpectedNonce">The server-provided nonce the proof must carry (RFC 9449 §8); null when none is required.</param>
public readonly record struct DpopProofContext(
    string? Proof,
    string Method,
    string Uri,
    string? AccessToken = null,
    string? ExpectedJkt = null,
    string? ExpectedNonce = null);
