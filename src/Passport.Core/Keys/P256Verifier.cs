using System.Security.Cryptography;

namespace Passport.Core.Keys;

/// <summary>
/// Verifies an ES256 signature (ECDSA P-256 with SHA-256, RFC 7518 §3.4): the 64-byte R‖S form JWS uses, never DER.
/// The key is the JWK's 32-byte <c>x</c> and <c>y</c> coordinates; keys that verified a signature are kept imported in a
/// bounded cache (<see cref="P256KeyCache"/>), so an agent's next proof skips the import.
/// </summary>
public static class P256Verifier
{
    /// <summary>Length of an ES256 JWS signature in bytes (R and S, 32 bytes each).</summary>
    public const int SignatureLength = 64;

    /// <summary>Length of one P-256 coordinate in bytes.</summary>
    public const int CoordinateLength = 32;

    /// <summary>
    /// True when <paramref name="signature"/> is a valid ES256 signature of <paramref name="data"/>; false for a wrong
    /// length, a point not on the curve or a bad signature. Never throws for bad input.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (x.Length != CoordinateLength || y.Length != CoordinateLength || signature.Length != SignatureLength) return false;
        try
        {
            if (P256KeyCache.Find(x, y, out var slot) is { } cached)
            {
                return cached.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }

            var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x.ToArray(), Y = y.ToArray() } });
            var verified = false;
            try
            {
                verified = key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                if (verified) P256KeyCache.Store(slot, x, y, key);
                return verified;
            }
            finally
            {
                // A key that verified nothing is not kept (a proof with a bad signature costs the cache nothing).
                if (!verified) key.Dispose();
            }
        }
        catch (CryptographicException)
        {
            // ImportParameters refuses a point that is not on the curve (invalid-curve attacks); that key verifies nothing.
            return false;
        }
    }
}
