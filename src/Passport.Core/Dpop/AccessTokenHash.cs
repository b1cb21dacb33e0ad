using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Passport.Core.Dpop;

/// <summary>The <c>ath</c> value of RFC 9449 §4.2: base64url(SHA-256(ASCII(access token))), 43 characters.</summary>
public static class AccessTokenHash
{
    /// <summary>Length of an <c>ath</c> value in characters (unpadded base64url of 32 bytes).</summary>
    public const int Length = 43;

    /// <summary>Computes the <c>ath</c> of <paramref name="accessToken"/>.</summary>
    public static string Compute(string accessToken)
    {
        Span<char> chars = stackalloc char[Length];
        Compute(accessToken, chars);
        return new string(chars);
    }

    /// <summary>Writes the 43-character <c>ath</c> of <paramref name="accessToken"/> into <paramref name="destination"/>.</summary>
    public static void Compute(string accessToken, Span<char> destination)
    {
        Span<byte> hash = stackalloc byte[32];
        Hash(accessToken, hash);
        Base64Url.EncodeToChars(hash, destination);
    }

    /// <summary>Writes the <c>ath</c> as 43 ASCII bytes, for writers that build JSON in UTF-8.</summary>
    internal static void ComputeUtf8(string accessToken, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[32];
        Hash(accessToken, hash);
        Base64Url.EncodeToUtf8(hash, destination, out _, out _);
    }

    private static void Hash(string accessToken, Span<byte> hash)
    {
        var length = System.Text.Encoding.ASCII.GetByteCount(accessToken);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = System.Text.Encoding.ASCII.GetBytes(accessToken, rented);
            SHA256.HashData(rented.AsSpan(0, written), hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
