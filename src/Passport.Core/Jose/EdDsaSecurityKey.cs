using Microsoft.IdentityModel.Tokens;
using Passport.Core.Keys;

namespace Passport.Core.Jose;

/// <summary>
/// An Ed25519 key for Microsoft.IdentityModel (algorithm <c>EdDSA</c>, RFC 8037 §3.1). Signing and verification are
/// done by NSec through <see cref="EdDsaCryptoProvider"/>, plugged in with <see cref="CryptoProviderFactory.CustomCryptoProvider"/>.
/// </summary>
public sealed class EdDsaSecurityKey : AsymmetricSecurityKey
{
    /// <summary>Creates a verification-only key from a 32-byte public key.</summary>
    public EdDsaSecurityKey(byte[] publicKey, string? keyId = null) : this(publicKey, null, keyId) { }

    /// <summary>Creates a signing key from a key pair (the private key stays inside NSec).</summary>
    public EdDsaSecurityKey(Ed25519KeyPair keyPair, string? keyId = null) : this(keyPair.PublicKey, keyPair, keyId) { }

    private EdDsaSecurityKey(byte[] publicKey, Ed25519KeyPair? keyPair, string? keyId)
    {
        PublicKey = publicKey;
        KeyPair = keyPair;
        KeyId = keyId;
        CryptoProviderFactory = new CryptoProviderFactory { CustomCryptoProvider = EdDsaCryptoProvider.Instance, CacheSignatureProviders = false };
    }

    /// <summary>The 32-byte raw public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The signing key pair, when this key can sign.</summary>
    internal Ed25519KeyPair? KeyPair { get; }

    /// <inheritdoc />
    [Obsolete("HasPrivateKey is obsolete in Microsoft.IdentityModel; use PrivateKeyStatus.")]
    public override bool HasPrivateKey => KeyPair is not null;

    /// <inheritdoc />
    public override PrivateKeyStatus PrivateKeyStatus => KeyPair is null ? PrivateKeyStatus.DoesNotExist : PrivateKeyStatus.Exists;

    /// <inheritdoc />
    public override int KeySize => 256;

    /// <inheritdoc />
    public override bool CanComputeJwkThumbprint() => true;

    /// <inheritdoc />
    public override byte[] ComputeJwkThumbprint() =>
        Encoding.Base64UrlEncoding.Decode(JwkThumbprint.Compute(PublicKey));
}
