using System.Security.Cryptography;

namespace Passport.Core.Keys;

/// <summary>
/// Imported P-256 public keys of recently verified ES256 proofs, so that an agent's proofs do not import its
/// <c>jwk</c> into a new <see cref="ECDsa"/> every time: the import (point decoding and the on-curve check) costs about
/// two raw ES256 verifies (docs/benchmarks.md, issue 15). Keyed by the raw point x‖y (64 bytes; the JWK thumbprint is a
/// hash of the same two values).
/// </summary>
/// <remarks>
/// Bounded and lock-free: a direct-mapped table of <see cref="Slots"/> entries; a key's slot is a hash of x‖y with the
/// runtime's per-process random seed (<see cref="HashCode"/>), so an attacker cannot aim keys at the slot of a given agent
/// without knowing it. A new key replaces whatever held its slot. Only keys that have just verified a signature are
/// stored, and they are never more than <see cref="Slots"/>: keys made up by an attacker cost the table no growth, only
/// evictions, and an evicted key costs its owner one import again (what every proof cost without the cache).
/// Replaced keys are not disposed, because another thread may be verifying with them at that moment; the garbage
/// collector releases them. <see cref="ECDsa"/> verification on one instance from several threads is safe (OpenSSL
/// and CNG create a verification context per call), as Microsoft.IdentityModel and JwtBearer also rely on.
/// </remarks>
internal static class P256KeyCache
{
    /// <summary>Number of entries (a power of two). About 1–2 KB each (managed object + native key), so ≤ ~2 MB in all.</summary>
    public const int Slots = 1024;

    private static readonly Entry?[] Table = new Entry?[Slots];

    /// <summary>The cached key for x‖y, or null; <paramref name="slot"/> is where <see cref="Store"/> puts a new one.</summary>
    public static ECDsa? Find(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, out int slot)
    {
        var hash = new HashCode();
        hash.AddBytes(x);
        hash.AddBytes(y);
        slot = hash.ToHashCode() & (Slots - 1);
        var entry = Volatile.Read(ref Table[slot]);
        return entry is not null && entry.Point.AsSpan(0, P256Verifier.CoordinateLength).SequenceEqual(x)
            && entry.Point.AsSpan(P256Verifier.CoordinateLength).SequenceEqual(y) ? entry.Key : null;
    }

    /// <summary>Puts a key that has just verified a signature into <paramref name="slot"/> (from <see cref="Find"/>).</summary>
    public static void Store(int slot, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, ECDsa key)
    {
        var point = new byte[2 * P256Verifier.CoordinateLength];
        x.CopyTo(point);
        y.CopyTo(point.AsSpan(P256Verifier.CoordinateLength));
        Volatile.Write(ref Table[slot], new Entry(point, key));
    }

    private sealed record Entry(byte[] Point, ECDsa Key);
}
