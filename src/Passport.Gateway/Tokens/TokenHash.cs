using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Passport.Gateway.Tokens;

/// <summary>SHA-256 of an access token: the token cache's key (the token itself is never kept as a key).</summary>
internal readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D)
{
    public static TokenHash Of(ReadOnlySpan<char> token)
    {
        Span<byte> hash = stackalloc byte[32];
        var byteCount = System.Text.Encoding.UTF8.GetMaxByteCount(token.Length);
        byte[]? rented = null;
        Span<byte> buffer = byteCount <= 4096 ? stackalloc byte[4096] : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            var written = System.Text.Encoding.UTF8.GetBytes(token, buffer);
            SHA256.HashData(buffer[..written], hash);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
        var words = MemoryMarshal.Cast<byte, ulong>(hash);
        return new TokenHash(words[0], words[1], words[2], words[3]);
    }
}
