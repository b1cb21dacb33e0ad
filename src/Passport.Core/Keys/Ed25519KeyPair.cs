using NSec.Cryptography;
using Passport.Core.Errors;

namespace Passport.Core.Keys;

/// <summary>
/// An Ed25519 (RFC 8032) private key held by NSec. The private seed is exportable only through
/// <see cref="ExportPrivateSeed"/>, so that an agent can persist its identity file; it is never
/// part of <see cref="ToString"/> or any log line.
/// </summary>
public sealed class Ed25519KeyPair : IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private Ed25519KeyPair(Key key)
    {
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        PublicJwk = new Ed25519PublicJwk(PublicKey);
    }

    /// <summary>The 32-byte raw public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The public key as an OKP/Ed25519 JWK (RFC 8037 §2).</summary>
    public Ed25519PublicJwk PublicJwk { get; }

    /// <summary>Generates a new key pair from the operating system's CSPRNG.</summary>
    public static Ed25519KeyPair Generate() =>
        new(Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>Imports a key pair from its 32-byte private seed (the JWK <c>d</c> value, RFC 8037 §2).</summary>
    /// <exception cref="PassportFormatException"><c>jwk.invalid_d</c> when the seed is not 32 bytes.</exception>
    public static Ed25519KeyPair FromPrivateSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
        {
            throw new PassportFormatException(PassportErrorCodes.JwkInvalidD, $"An Ed25519 private seed is 32 bytes, got {seed.Length}.");
        }
        return new(Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
    }

    /// <summary>Exports the 32-byte private seed. Callers must store it with owner-only permissions.</summary>
    public byte[] ExportPrivateSeed() => _key.Export(KeyBlobFormat.RawPrivateKey);

    /// <summary>Signs <paramref name="data"/>; returns the 64-byte Ed25519 signature.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => Algorithm.Sign(_key, data);

    /// <summary>Signs <paramref name="data"/> into <paramref name="signature"/> (64 bytes) without allocating.</summary>
    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature) => Algorithm.Sign(_key, data, signature);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"Ed25519 key {PublicJwk.Thumbprint}";
}
