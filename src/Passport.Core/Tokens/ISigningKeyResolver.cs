using NSec.Cryptography;

namespace Passport.Core.Tokens;

/// <summary>Finds the IdP's token-signing public key by <c>kid</c> (from a JWKS, RFC 7517 §5).</summary>
public interface ISigningKeyResolver
{
    /// <summary>The Ed25519 public key with this <c>kid</c>, or null when unknown.</summary>
    PublicKey? Find(string keyId);
}
