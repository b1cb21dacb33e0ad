using System.Buffers.Text;
using System.Security.Cryptography;

namespace Passport.Core.Keys;

/// <summary>
/// RFC 7638 JWK Thumbprint of an OKP/Ed25519 key: base64url(SHA-256(<c>{"crv":"Ed25519","kty":"OKP","x":"…"}</c>)),
/// the members in lexicographic order with no whitespace (RFC 7638 §3.2, RFC 8037 §2).
/// </summary>
public static class JwkThumbprint
{
    private static ReadOnlySpan<byte> Prefix => "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\""u8;
    private static ReadOnlySpan<byte> Suffix => "\"}"u8;

    /// <summary>Length in characters of a SHA-256 thumbprint in base64url (43).</summary>
    public const int Length = 43;

    /// <summary>Computes the thumbprint of a 32-byte Ed25519 public key.</summary>
    public static string Compute(ReadOnlySpan<byte> publicKey)
    {
        Span<char> chars = stackalloc char[Length];
        Compute(publicKey, chars);
        return new string(chars);
    }

    /// <summary>Writes the 43-character thumbprint of a 32-byte public key into <paramref name="destination"/>.</summary>
    public static void Compute(ReadOnlySpan<byte> publicKey, Span<char> destination)
    {
        Span<byte> x = stackalloc byte[Length];
        Base64Url.EncodeToUtf8(publicKey, x, out _, out var xLength);
        ComputeFromEncodedX(x[..xLength], destination);
    }

    /// <summary>Writes the thumbprint given the JWK's <c>x</c> member already in base64url (UTF-8), avoiding a decode/encode round trip.</summary>
    public static void ComputeFromEncodedX(ReadOnlySpan<byte> encodedX, Span<char> destination)
    {
        Span<byte> canonical = stackalloc byte[Prefix.Length + encodedX.Length + Suffix.Length];
        Prefix.CopyTo(canonical);
        encodedX.CopyTo(canonical[Prefix.Length..]);
        Suffix.CopyTo(canonical[(Prefix.Length + encodedX.Length)..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(canonical, hash);
        Base64Url.EncodeToChars(hash, destination);
    }
}
