using System.Buffers.Text;
using System.Security.Cryptography;

namespace Passport.Server.Secrets;

/// <summary>
/// Emailed single-use secrets (claim tokens, owner links): 32 random bytes as base64url; only the SHA-256 (hex) is
/// stored, so a database breach exposes no usable token. Lookup is by hash, hence no comparison of secrets in code.
/// </summary>
internal static class SingleUseSecret
{
    public const int MaxTokenLength = 128;

    public static (string Token, string Hash) Create()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        var token = Base64Url.EncodeToString(bytes);
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
