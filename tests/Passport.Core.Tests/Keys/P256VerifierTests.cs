using System.Security.Cryptography;
using Passport.Core.Keys;

namespace Passport.Core.Tests.Keys;

/// <summary>
/// ES256 verification with the imported-key cache (issue 15 benchmarks): the cache changes what is imported, never
/// what verifies: a cached key still refuses a bad signature, other data and other keys.
/// </summary>
public sealed class P256VerifierTests
{
    private static readonly byte[] Data = "header.payload"u8.ToArray();

    private static (byte[] X, byte[] Y) Point(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return (q.X!, q.Y!);
    }

    private static byte[] Sign(ECDsa key, byte[] data) =>
        key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Fact]
    public void A_key_verifies_the_same_way_before_and_after_it_is_cached()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (x, y) = Point(key);
        var signature = Sign(key, Data);
        var tampered = (byte[])signature.Clone();
        tampered[10] ^= 1;

        // Refusals first (a key that verified nothing is not cached), then a success, then the same refusals again.
        Assert.False(P256Verifier.Verify(x, y, Data, tampered));

        // The first success caches the key (unless a parallel test's key takes its slot; then these import again).
        Assert.True(P256Verifier.Verify(x, y, Data, signature));

        // From the cache: the same answers as a fresh import.
        Assert.True(P256Verifier.Verify(x, y, Data, signature));
        Assert.False(P256Verifier.Verify(x, y, Data, tampered));
        Assert.False(P256Verifier.Verify(x, y, "other data"u8, signature));
        Assert.False(P256Verifier.Verify(x, y, Data, signature.AsSpan(0, 63)));
    }

    [Fact]
    public void A_signature_of_another_key_is_refused_even_when_both_keys_are_cached()
    {
        using var first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var second = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (x1, y1) = Point(first);
        var (x2, y2) = Point(second);
        Assert.True(P256Verifier.Verify(x1, y1, Data, Sign(first, Data)));
        Assert.True(P256Verifier.Verify(x2, y2, Data, Sign(second, Data)));

        Assert.False(P256Verifier.Verify(x1, y1, Data, Sign(second, Data)));
        Assert.False(P256Verifier.Verify(x2, y2, Data, Sign(first, Data)));
        // Same x, another y: not the cached key (the whole point is compared).
        var otherY = (byte[])y1.Clone();
        otherY[31] ^= 1;
        Assert.False(P256Verifier.Verify(x1, otherY, Data, Sign(first, Data)));
    }

    [Fact]
    public void A_point_not_on_the_curve_verifies_nothing()
    {
        var x = new byte[32];
        var y = new byte[32];
        x[31] = 1;
        y[31] = 1;
        Assert.False(P256Verifier.Verify(x, y, Data, new byte[64]));
    }
}
