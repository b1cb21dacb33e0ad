using System.Buffers.Text;
using System.Security.Cryptography;

namespace Passport.Core.Keys;

/// <summary>
/// RFC 7638 JWK Thumbprint of an OKP/Ed25519 key: base64url(SHA-256(<c>{"crv":"Ed25519","kty":"OKP","x":"…"}</c>)),
/// the members in lexicographic order with no whitespace (RFC 7638 §3.2, RFC 8037 §2); also of an EC P-256 key
/// (<see cref="ComputeFromEncodedEc"/>) for ES256 DPoP proofs.
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

    private static ReadOnlySpan<byte> EcPrefix => "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\""u8;
    private static ReadOnlySpan<byte> EcMiddle => "\",\"y\":\""u8;

    /// <summary>
    /// Writes the thumbprint of an EC P-256 key given its <c>x</c> and <c>y</c> members in base64url (UTF-8):
    /// base64url(SHA-256(<c>{"crv":"P-256","kty":"EC","x":"…","y":"…"}</c>)) (RFC 7638 §3.2, RFC 7518 §6.2.1).
    /// </summary>
    public static void ComputeFromEncodedEc(ReadOnlySpan<byte> encodedX, ReadOnlySpan<byte> encodedY, Span<char> destination)
    {
        Span<byte> canonical = stackalloc byte[EcPrefix.Length + encodedX.Length + EcMiddle.Length + encodedY.Length + Suffix.Length];
        var at = 0;
        Append(EcPrefix, canonical, ref at);
        Append(encodedX, canonical, ref at);
        Append(EcMiddle, canonical, ref at);
        Append(encodedY, canonical, ref at);
        Append(Suffix, canonical, ref at);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(canonical, hash);
        Base64Url.EncodeToChars(hash, destination);
    }

    private static void Append(ReadOnlySpan<byte> part, Span<byte> destination, ref int at)
    {
        part.CopyTo(destination[at..]);
        at += part.Length;
    }
}
