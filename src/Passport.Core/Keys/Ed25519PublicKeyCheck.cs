using System.Numerics;

namespace Passport.Core.Keys;

/// <summary>
/// Decides whether 32 bytes are an acceptable Ed25519 public key: a canonical encoding of a curve point (RFC 8032
/// §5.1.3 decoding succeeds: y &lt; p, x² = (y² − 1)/(d·y² + 1) has a square root, and not x = 0 with the sign bit set)
/// that is not of small order (8·A ≠ identity, which refuses the 8 small-order points libsodium's
/// <c>has_small_order</c> lists; their non-canonical encodings already fail decoding). A small-order key lets one
/// signature verify for many messages, so it must never become an identity.
/// </summary>
/// <remarks>
/// Plain <see cref="BigInteger"/> arithmetic: a few modular exponentiations, tens of microseconds. It runs where keys
/// enter the system (did:key parsing, JWK parsing), never per request; the gateway verifies proofs with libsodium,
/// which refuses small-order keys itself. Nothing is cached.
/// </remarks>
internal static class Ed25519PublicKeyCheck
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger D = Mod(-121665 * Inverse(121666));
    private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);

    /// <summary>True when <paramref name="publicKey"/> is 32 bytes encoding a curve point that is not of small order.</summary>
    public static bool IsValid(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != 32) return false;
        if (!TryDecompress(publicKey, out var x, out var y)) return false;
        // 8·A by three doublings; the small-order points are exactly those with 8·A = (0, 1).
        for (var i = 0; i < 3; i++) (x, y) = Double(x, y);
        return !(x.IsZero && y.IsOne);
    }

    /// <summary>RFC 8032 §5.1.3 point decoding; false when the bytes are not a canonical point encoding.</summary>
    internal static bool TryDecompress(ReadOnlySpan<byte> encoded, out BigInteger x, out BigInteger y)
    {
        x = BigInteger.Zero;
        Span<byte> bytes = stackalloc byte[32];
        encoded.CopyTo(bytes);
        var sign = bytes[31] >> 7;
        bytes[31] &= 0x7F;
        y = new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
        if (y >= P) return false; // non-canonical y
        var y2 = y * y % P;
        var u = Mod(y2 - 1);
        var v = Mod(D * y2 + 1);
        var v3 = v * v % P * v % P;
        var v7 = v3 * v3 % P * v % P;
        var candidate = u * v3 % P * BigInteger.ModPow(u * v7 % P, (P - 5) / 8, P) % P;
        var vx2 = v * candidate % P * candidate % P;
        if (vx2 == u) { }
        else if (vx2 == Mod(-u)) candidate = candidate * SqrtMinusOne % P;
        else return false; // x² has no square root: not on the curve
        if (candidate.IsZero && sign == 1) return false; // -0 is not a canonical encoding
        if ((int)(candidate % 2) != sign) candidate = P - candidate;
        x = candidate;
        return true;
    }

    // Unified twisted Edwards addition (a = −1) of a point with itself; complete for Ed25519 since d is not a square.
    private static (BigInteger X, BigInteger Y) Double(BigInteger x, BigInteger y)
    {
        var xy = x * y % P;
        var dxxyy = D * xy % P * xy % P;
        var x3 = 2 * xy % P * Inverse(Mod(1 + dxxyy)) % P;
        var y3 = Mod(y * y + x * x) * Inverse(Mod(1 - dxxyy)) % P;
        return (x3, y3);
    }

    private static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(value, P - 2, P);

    private static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }
}
