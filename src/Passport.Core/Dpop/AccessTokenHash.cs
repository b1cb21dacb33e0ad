using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Passport.Core.Dpop;

/// <summary>The <c>ath</c> value of RFC 9449 §4.2: base64url(SHA-256(ASCII(access token))), 43 characters.</summary>
public static class AccessTokenHash
{
    /// <summary>Computes the <c>ath</c> of <paramref name="accessToken"/>.</summary>
    public static string Compute(string accessToken)
    {
        Span<char> chars = stackalloc char[43];
        Compute(accessToken, chars);
        return new string(chars);
    }

    /// <summary>Writes the 43-character <c>ath</c> of <paramref name="accessToken"/> into <paramref name="destination"/>.</summary>
    public static void Compute(string accessToken, Span<char> destination)
    {
        var length = System.Text.Encoding.ASCII.GetByteCount(accessToken);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = System.Text.Encoding.ASCII.GetBytes(accessToken, rented);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(rented.AsSpan(0, written), hash);
            Base64Url.EncodeToChars(hash, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
