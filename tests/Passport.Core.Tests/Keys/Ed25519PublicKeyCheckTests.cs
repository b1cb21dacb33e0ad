using System.Numerics;
using FsCheck.Xunit;
using Passport.Core.Encoding;
using Passport.Core.Errors;
using Passport.Core.Identity;
using Passport.Core.Keys;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Keys;

/// <summary>
/// did:key and JWK keys must be canonical Ed25519 points (RFC 8032 §5.1.3) that are not of small order; both parsers
/// share one check, so every row runs through both.
/// </summary>
public sealed class Ed25519PublicKeyCheckTests
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;

    /// <summary>Public keys of RFC 8032 §7.1 (TEST 1, 2, 3, 1024, SHA(abc)).</summary>
    public static TheoryData<string> Rfc8032PublicKeys => new()
    {
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
        "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
    };

    /// <summary>
    /// The y-coordinates of the 8 small-order points (libsodium's <c>has_small_order</c> blocklist): identity (y = 1),
    /// order 2 (y = p − 1), order 4 (y = 0, two points) and order 8 (two y values, two points each).
    /// </summary>
    public static TheoryData<string> SmallOrderY => new(SmallOrderYValues);

    private static readonly string[] SmallOrderYValues =
    [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ];

    [Theory]
    [MemberData(nameof(Rfc8032PublicKeys))]
    public void Rfc8032_test_vector_keys_are_accepted_by_both_parsers(string hex)
    {
        var key = Convert.FromHexString(hex);
        Assert.Equal(key, DidKey.Parse(DidOf(key)).PublicKey);
        Assert.Equal(key, Ed25519PublicJwk.Parse(JwkOf(key)).PublicKey);
    }

    [Theory]
    [MemberData(nameof(SmallOrderY))]
    public void Every_small_order_point_is_refused_with_either_sign_bit(string hex)
    {
        var y = Convert.FromHexString(hex);
        Assert.True(Oracle.Decode(y, out var x, out var yValue), "the row must be a real curve point, so that it is refused for its order and not for decoding");
        Assert.True(Oracle.IsSmallOrder(x, yValue));
        foreach (var sign in new byte[] { 0x00, 0x80 })
        {
            var encoded = (byte[])y.Clone();
            encoded[31] |= sign;
            Assert.True(!Oracle.Decode(encoded, out x, out yValue) || Oracle.IsSmallOrder(x, yValue));
            AssertRefused(encoded);
        }
    }

    [Theory]
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = p (≡ 0, a small-order point)
    [InlineData("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = p + 1 (≡ 1, the identity)
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")] // y = 2^255 − 1, sign set
    public void Non_canonical_y_at_or_above_p_is_refused(string hex) => AssertRefused(Convert.FromHexString(hex));

    [Fact]
    public void Non_canonical_encoding_of_a_valid_point_is_refused_though_the_canonical_one_is_accepted()
    {
        // y + p still fits in 255 bits for y < 19: find such a y that is a valid large-order point.
        var y = Enumerable.Range(2, 17).Select(i => new BigInteger(i)).First(v => IsValid(Encode(v)));
        Assert.True(IsValid(Encode(y)));
        AssertRefused(Encode(y + P));
    }

    [Fact]
    public void Y_whose_x_squared_has_no_square_root_is_refused()
    {
        var y = Enumerable.Range(2, 100).Select(i => new BigInteger(i)).First(v => !Oracle.Decode(Encode(v), out _, out _));
        AssertRefused(Encode(y));
        AssertRefused(Base58Btc.Decode(TestKeys.SeedSampleDid.AsSpan(DidKey.Prefix.Length))[2..]);
    }

    [Fact]
    public void Zero_x_with_the_sign_bit_set_is_refused()
    {
        // y = 1 and y = p − 1 have x = 0; "−0" (sign bit 1) is not a canonical encoding (RFC 8032 §5.1.3 step 4).
        var identity = Encode(BigInteger.One);
        identity[31] |= 0x80;
        AssertRefused(identity);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Random_32_bytes_are_a_valid_key_or_the_typed_error_and_never_another_exception(Bytes32 bytes)
    {
        var didValid = TryDid(bytes.Value);
        var jwkValid = TryJwk(bytes.Value);
        Assert.Equal(didValid, jwkValid);
        // Decoding succeeds for about half of all y; the oracle decodes with a square root and multiplies by 8.
        Assert.Equal(Oracle.Decode(bytes.Value, out var x, out var y) && !Oracle.IsSmallOrder(x, y), didValid);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Public_key_of_any_seed_is_accepted(Bytes32 seed)
    {
        using var key = Ed25519KeyPair.FromPrivateSeed(seed.Value);
        return IsValid(key.PublicKey);
    }

    [Fact]
    public void FromPublicKey_refuses_a_small_order_key_with_the_same_code()
    {
        var error = Assert.Throws<PassportFormatException>(() => DidKey.FromPublicKey(new byte[32]));
        Assert.Equal(PassportErrorCodes.DidInvalidPublicKey, error.Code);
    }

    private static bool IsValid(byte[] key) => TryDid(key) && TryJwk(key);

    private static bool TryDid(byte[] key)
    {
        try
        {
            DidKey.Parse(DidOf(key));
            return true;
        }
        catch (PassportFormatException e)
        {
            Assert.Equal(PassportErrorCodes.DidInvalidPublicKey, e.Code);
            return false;
        }
    }

    private static bool TryJwk(byte[] key)
    {
        try
        {
            Ed25519PublicJwk.Parse(JwkOf(key));
            return true;
        }
        catch (PassportFormatException e)
        {
            Assert.Equal(PassportErrorCodes.JwkInvalidX, e.Code);
            return false;
        }
    }

    private static void AssertRefused(byte[] key)
    {
        Assert.Equal(PassportErrorCodes.DidInvalidPublicKey, Assert.Throws<PassportFormatException>(() => DidKey.Parse(DidOf(key))).Code);
        Assert.Equal(PassportErrorCodes.JwkInvalidX, Assert.Throws<PassportFormatException>(() => Ed25519PublicJwk.Parse(JwkOf(key))).Code);
    }

    private static string DidOf(byte[] key) => DidKey.Prefix + Base58Btc.Encode([0xed, 0x01, .. key]);

    private static string JwkOf(byte[] key) => "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + Base64UrlEncoding.Encode(key) + "\"}";

    private static byte[] Encode(BigInteger y)
    {
        var bytes = new byte[32];
        y.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return bytes;
    }

    private static BigInteger Mod(BigInteger v)
    {
        var r = v % P;
        return r.Sign < 0 ? r + P : r;
    }

    /// <summary>
    /// Independent of the code under test, and slow on purpose: RFC 8032 §5.1.3 decoding with the square root, and the
    /// order check by computing 8·A with three affine doublings.
    /// </summary>
    private static class Oracle
    {
        private static readonly BigInteger D = Mod(-121665 * Inverse(121666));
        private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);

        public static bool Decode(byte[] encoded, out BigInteger x, out BigInteger y)
        {
            x = BigInteger.Zero;
            var bytes = (byte[])encoded.Clone();
            var sign = bytes[31] >> 7;
            bytes[31] &= 0x7F;
            y = new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
            if (y >= P) return false;
            var u = Mod(y * y - 1);
            var v = Mod(D * y * y + 1);
            var candidate = Mod(u * BigInteger.ModPow(v, 3, P) * BigInteger.ModPow(u * BigInteger.ModPow(v, 7, P), (P - 5) / 8, P));
            var vx2 = Mod(v * candidate * candidate);
            if (vx2 == u) { }
            else if (vx2 == Mod(-u)) candidate = Mod(candidate * SqrtMinusOne);
            else return false;
            if (candidate.IsZero && sign == 1) return false;
            if ((int)(candidate % 2) != sign) candidate = P - candidate;
            x = candidate;
            return true;
        }

        public static bool IsSmallOrder(BigInteger x, BigInteger y)
        {
            for (var i = 0; i < 3; i++)
            {
                var xy = Mod(x * y);
                var dxxyy = Mod(D * xy * xy);
                (x, y) = (Mod(2 * xy * Inverse(Mod(1 + dxxyy))), Mod((y * y + x * x) * Inverse(Mod(1 - dxxyy))));
            }
            return x.IsZero && y.IsOne;
        }

        private static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(value, P - 2, P);
    }
}
