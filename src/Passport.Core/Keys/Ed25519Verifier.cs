using NSec.Cryptography;

namespace Passport.Core.Keys;

/// <summary>Ed25519 (RFC 8032 §5.1.7) signature verification over raw 32-byte public keys.</summary>
public static class Ed25519Verifier
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>True when <paramref name="signature"/> (64 bytes) is a valid signature of <paramref name="data"/> by <paramref name="publicKey"/> (32 bytes).</summary>
    /// <remarks>Returns false, never throws, for keys that are not points on the curve or wrong lengths.</remarks>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != 32 || signature.Length != 64)
        {
            return false;
        }
        if (!NSec.Cryptography.PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            return false;
        }
        return Algorithm.Verify(key, data, signature);
    }

    /// <summary>Imports a public key once so that repeated verifications skip the import cost.</summary>
    /// <returns>null when the bytes are not a valid Ed25519 public key.</returns>
    public static PublicKey? TryImport(ReadOnlySpan<byte> publicKey) =>
        publicKey.Length == 32 && NSec.Cryptography.PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key) ? key : null;

    /// <summary>Verifies with a key imported by <see cref="TryImport"/>.</summary>
    public static bool Verify(PublicKey publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == 64 && Algorithm.Verify(publicKey, data, signature);
}
