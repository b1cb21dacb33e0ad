namespace Passport.Core.Errors;

/// <summary>The closed list of stable error codes raised by Passport.Core parsers.</summary>
public static class PassportErrorCodes
{
    /// <summary>The DID is null, empty or whitespace.</summary>
    public const string DidEmpty = "did.empty";
    /// <summary>The DID does not start with <c>did:key:z</c>.</summary>
    public const string DidInvalidPrefix = "did.invalid_prefix";
    /// <summary>The multibase body is not valid base58btc.</summary>
    public const string DidInvalidEncoding = "did.invalid_encoding";
    /// <summary>The multicodec prefix is not Ed25519 (0xed 0x01).</summary>
    public const string DidUnsupportedKeyType = "did.unsupported_key_type";
    /// <summary>The decoded key is not 32 bytes long.</summary>
    public const string DidInvalidLength = "did.invalid_length";
    /// <summary>
    /// The 32 key bytes are not a valid Ed25519 public key: not a canonical curve point encoding (RFC 8032 §5.1.3), or a
    /// small-order point. The did:key method specification calls this error <c>invalidPublicKey</c>.
    /// </summary>
    public const string DidInvalidPublicKey = "did.invalid_public_key";
    /// <summary>The input is not valid base64url (RFC 4648 §5, no padding).</summary>
    public const string Base64UrlInvalid = "base64url.invalid";
    /// <summary>The input is not valid base58btc.</summary>
    public const string Base58Invalid = "base58.invalid";
    /// <summary>The JWK is not a JSON object or is too large.</summary>
    public const string JwkMalformed = "jwk.malformed";
    /// <summary>The JWK <c>kty</c> is not <c>OKP</c>.</summary>
    public const string JwkUnsupportedKty = "jwk.unsupported_kty";
    /// <summary>The JWK <c>crv</c> is not <c>Ed25519</c>.</summary>
    public const string JwkUnsupportedCrv = "jwk.unsupported_crv";
    /// <summary>The JWK <c>x</c> is missing, not 32 bytes of base64url, or not a valid Ed25519 public key (curve point of large order).</summary>
    public const string JwkInvalidX = "jwk.invalid_x";
    /// <summary>The JWK carries a private part (<c>d</c>) where only a public key is allowed.</summary>
    public const string JwkPrivateKeyPresent = "jwk.private_key_present";
    /// <summary>The private key (<c>d</c>) is missing or not 32 bytes.</summary>
    public const string JwkInvalidD = "jwk.invalid_d";
    /// <summary>The Ed25519 key bytes are not a valid public key.</summary>
    public const string KeyInvalid = "key.invalid";
    /// <summary>The handle does not follow the <c>adverb-adjective-noun</c> syntax.</summary>
    public const string HandleInvalid = "handle.invalid";
}
