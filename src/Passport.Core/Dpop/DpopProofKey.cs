namespace Passport.Core.Dpop;

/// <summary>Which kind of public key a DPoP proof's <c>jwk</c> header holds; its <c>alg</c> must be that key's algorithm.</summary>
internal enum DpopProofKeyType : byte
{
    /// <summary>No key read.</summary>
    None,
    /// <summary><c>{"kty":"OKP","crv":"Ed25519"}</c> for <c>alg</c> EdDSA or Ed25519 (RFC 8037, RFC 9864).</summary>
    Ed25519,
    /// <summary><c>{"kty":"EC","crv":"P-256"}</c> for <c>alg</c> ES256 (RFC 7518 §3.4, §6.2).</summary>
    P256,
}

/// <summary>Buffer sizes the proof header reader writes into (stack-allocated by the validator).</summary>
internal static class DpopProofKeyBuffers
{
    /// <summary>Raw key bytes: Ed25519 public key (32), or P-256 x then y (32 + 32).</summary>
    public const int PublicKeyLength = 64;

    /// <summary>base64url key members as sent: Ed25519 <c>x</c> (43), or P-256 <c>x</c> then <c>y</c> (43 + 43).</summary>
    public const int EncodedLength = 86;

    /// <summary>Length of one 32-byte member in base64url without padding.</summary>
    public const int EncodedMemberLength = 43;
}
