using System.Numerics;

namespace Passport.Core.Keys;

/// <summary>
/// Decides whether 32 bytes are an acceptable Ed25519 public key: a canonical encoding of a curve point (RFC 8032
/// §5.1.3 decoding succeeds) that is not of small order.
/// </summary>
/// <remarks>
/// <para>
/// Decoding fails when y ≥ p (non-canonical), when x² = (y² − 1)/(d·y² + 1) has no square root, or when x = 0 and the
/// sign bit is set. The square-root test does not need the root: u/v is a square exactly when u·v is (v is never 0 on
/// Ed25519), which the Jacobi symbol decides with shifts and reductions, about ten times cheaper than the modular
/// exponentiation of RFC 8032's decoder.
/// </para>
/// <para>
/// The 8 small-order points (the torsion subgroup: 8·A = identity) are exactly the points whose y is one of 0, 1,
/// p − 1 and the two y values of the order-8 points, whatever the sign of x; this is libsodium's
/// <c>ge25519_has_small_order</c> list, whose non-canonical encodings (y ≥ p) are already refused above. x = 0 happens
/// only for y = ±1, so the "−0" rule is covered by the same list. The tests check the list against an independent
/// decode-and-multiply-by-8 oracle.
/// </para>
/// <para>
/// A small-order key lets one signature verify for many messages, and a non-canonical one gives one key two DIDs, so
/// neither may become an identity. This runs where keys enter the system (did:key and JWK parsing), not per request: the
/// gateway verifies proofs with libsodium, which refuses small-order keys itself. Nothing is cached.
/// </para>
/// </remarks>
internal static class Ed25519PublicKeyCheck
{
    private static readonly BigInteger P = (BigInteger.One << 255) - 19;
    private static readonly BigInteger D = Mod(-121665 * BigInteger.ModPow(121666, P - 2, P));

    // y of the order-8 points (little-endian hex, as in libsodium); the other order-8 y is p minus this one.
    private static readonly BigInteger Order8Y = new(
        Convert.FromHexString("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"), isUnsigned: true, isBigEndian: false);

    private static readonly BigInteger[] SmallOrderY = [BigInteger.Zero, BigInteger.One, P - 1, Order8Y, P - Order8Y];

    /// <summary>True when <paramref name="publicKey"/> is 32 bytes encoding a curve point that is not of small order.</summary>
    public static bool IsValid(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != 32) return false;
        Span<byte> bytes = stackalloc byte[32];
        publicKey.CopyTo(bytes);
        bytes[31] &= 0x7F; // the sign of x: irrelevant once y is known not to be one of the small-order values
        var y = new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
        if (y >= P) return false;
        foreach (var small in SmallOrderY)
        {
            if (y == small) return false;
        }
        var y2 = y * y % P;
        var u = Mod(y2 - 1);          // ≠ 0: y is not ±1
        var v = (D * y2 + 1) % P;     // ≠ 0: −1/d is not a square
        return Jacobi(u * v % P, P) == 1;
    }

    /// <summary>The Jacobi symbol (a/n) for odd n &gt; 0: for prime n, 1 when a is a non-zero square mod n, −1 when not.</summary>
    private static int Jacobi(BigInteger a, BigInteger n)
    {
        var result = 1;
        a %= n;
        while (!a.IsZero)
        {
            // The operands shrink like Euclid's; once they fit in 128 bits, finish without allocating BigIntegers.
            if (n <= UInt128Max) return Jacobi((UInt128)a, (UInt128)n, result);
            var twos = (int)BigInteger.TrailingZeroCount(a);
            if (twos > 0)
            {
                a >>= twos;
                var n8 = (int)(n & 7);
                if ((twos & 1) == 1 && (n8 == 3 || n8 == 5)) result = -result;
            }
            (a, n) = (n, a);
            if ((int)(a & 3) == 3 && (int)(n & 3) == 3) result = -result;
            a %= n;
        }
        return n.IsOne ? result : 0;
    }

    private static readonly BigInteger UInt128Max = UInt128.MaxValue;

    private static int Jacobi(UInt128 a, UInt128 n, int result)
    {
        while (a != UInt128.Zero)
        {
            var twos = (int)UInt128.TrailingZeroCount(a);
            if (twos > 0)
            {
                a >>= twos;
                var n8 = (int)(n & 7);
                if ((twos & 1) == 1 && (n8 == 3 || n8 == 5)) result = -result;
            }
            (a, n) = (n, a);
            if ((int)(a & 3) == 3 && (int)(n & 3) == 3) result = -result;
            a %= n;
        }
        return n == UInt128.One ? result : 0;
    }

    private static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }
}
