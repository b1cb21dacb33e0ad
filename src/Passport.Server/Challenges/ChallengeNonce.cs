using System.Security.Cryptography;

namespace Passport.Server.Challenges;

/// <summary>
/// The challenge nonce wire form (docs/protocol-decisions.md): 32 random bytes as lowercase hex (64 characters); the
/// agent signs the 32 raw bytes. Stored as SHA-256 (hex) of the hex text.
/// </summary>
internal static class ChallengeNonce
{
    public const int ByteLength = 32;
    public const int TextLength = ByteLength * 2;

    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Decodes the hex nonce (either case) into its 32 bytes; false when it is not 64 hex digits.</summary>
    public static bool TryDecode(string nonce, Span<byte> bytes) =>
        nonce.Length == TextLength && Convert.FromHexString(nonce, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == ByteLength;

    public static string Hash(string nonce) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(nonce.ToLowerInvariant())));
}
