using Passport.Core.Encoding;
using Passport.Core.Errors;
using Passport.Core.Keys;

namespace Passport.Core.Identity;

/// <summary>
/// An Ed25519 <c>did:key</c> identifier (did:key Method v0.7): <c>did:key:z</c> + base58btc(0xed 0x01 ‖ 32-byte public key).
/// Parsing is strict: no whitespace, the exact prefix, the Ed25519 multicodec and a 32-byte key that is a valid curve
/// point not of small order (the did:key method's <c>invalidPublicKey</c> error, code <c>did.invalid_public_key</c>).
/// </summary>
public sealed class DidKey : IEquatable<DidKey>
{
    /// <summary>The <c>did:key:</c> method prefix followed by the base58btc multibase code <c>z</c>.</summary>
    public const string Prefix = "did:key:z";

    /// <summary>Longest DID text accepted (the Ed25519 form is 56 characters); longer input is refused before decoding.</summary>
    public const int MaxLength = 128;

    private static ReadOnlySpan<byte> Ed25519Multicodec => [0xed, 0x01];

    private DidKey(string value, byte[] publicKey)
    {
        Value = value;
        PublicKey = publicKey;
        Thumbprint = JwkThumbprint.Compute(publicKey);
    }

    /// <summary>The DID text, e.g. <c>did:key:z6Mk…</c>.</summary>
    public string Value { get; }

    /// <summary>The 32-byte Ed25519 public key encoded in the DID.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The RFC 7638 thumbprint of the key, i.e. the <c>cnf.jkt</c> of this DID's tokens.</summary>
    public string Thumbprint { get; }

    /// <summary>The multibase fragment (the part after <c>did:key:</c>), used as the verification method id.</summary>
    public string MultibaseKey => Value["did:key:".Length..];

    /// <summary>Builds the DID of a 32-byte Ed25519 public key.</summary>
    /// <exception cref="PassportFormatException">
    /// <c>did.invalid_length</c> when the key is not 32 bytes; <c>did.invalid_public_key</c> (did:key <c>invalidPublicKey</c>)
    /// when it is not a curve point or is of small order.
    /// </exception>
    public static DidKey FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != 32)
        {
            throw new PassportFormatException(PassportErrorCodes.DidInvalidLength, $"An Ed25519 public key is 32 bytes, got {publicKey.Length}.");
        }
        RequireValidPoint(publicKey);
        Span<byte> bytes = stackalloc byte[34];
        Ed25519Multicodec.CopyTo(bytes);
        publicKey.CopyTo(bytes[2..]);
        return new DidKey(Prefix + Base58Btc.Encode(bytes), publicKey.ToArray());
    }

    /// <summary>Parses a did:key strictly.</summary>
    /// <exception cref="PassportFormatException">
    /// <c>did.empty</c>, <c>did.invalid_prefix</c>, <c>did.invalid_encoding</c>, <c>did.unsupported_key_type</c>,
    /// <c>did.invalid_length</c>, or <c>did.invalid_public_key</c> (the did:key method's <c>invalidPublicKey</c>: the 32 bytes
    /// are not a canonical Ed25519 point encoding, or the point is of small order).
    /// </exception>
    public static DidKey Parse(string? did)
    {
        if (string.IsNullOrWhiteSpace(did))
        {
            throw new PassportFormatException(PassportErrorCodes.DidEmpty, "A DID is required, e.g. did:key:z6Mk….");
        }
        if (did.Length > MaxLength)
        {
            throw new PassportFormatException(PassportErrorCodes.DidInvalidLength, $"A did:key for Ed25519 is 56 characters; this one is longer than {MaxLength}.");
        }
        if (!did.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new PassportFormatException(PassportErrorCodes.DidInvalidPrefix, "Expected a DID starting with 'did:key:z' (base58btc multibase).");
        }
        byte[] bytes;
        try
        {
            bytes = Base58Btc.Decode(did.AsSpan(Prefix.Length));
        }
        catch (PassportFormatException)
        {
            throw new PassportFormatException(PassportErrorCodes.DidInvalidEncoding, "The did:key body is not valid base58btc (no whitespace, no 0, O, I, l).");
        }
        if (bytes.Length < 2 || !bytes.AsSpan(0, 2).SequenceEqual(Ed25519Multicodec))
        {
            throw new PassportFormatException(PassportErrorCodes.DidUnsupportedKeyType, "Only Ed25519 keys (multicodec 0xed 0x01) are supported.");
        }
        if (bytes.Length != 34)
        {
            throw new PassportFormatException(PassportErrorCodes.DidInvalidLength, $"An Ed25519 did:key holds 32 key bytes, this one holds {bytes.Length - 2}.");
        }
        var publicKey = bytes[2..];
        RequireValidPoint(publicKey);
        return new DidKey(did, publicKey);
    }

    private static void RequireValidPoint(ReadOnlySpan<byte> publicKey)
    {
        if (!Ed25519PublicKeyCheck.IsValid(publicKey))
        {
            throw new PassportFormatException(PassportErrorCodes.DidInvalidPublicKey,
                "The did:key does not hold a valid Ed25519 public key (invalidPublicKey): not a curve point, or a point of small order.");
        }
    }

    /// <summary>Parses without throwing; <paramref name="error"/> carries the code on failure.</summary>
    public static bool TryParse(string? did, out DidKey? result, out PassportFormatException? error)
    {
        try
        {
            result = Parse(did);
            error = null;
            return true;
        }
        catch (PassportFormatException e)
        {
            result = null;
            error = e;
            return false;
        }
    }

    /// <summary>The public key as a JWK.</summary>
    public Ed25519PublicJwk ToJwk() => new(PublicKey);

    /// <inheritdoc />
    public bool Equals(DidKey? other) => other is not null && Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DidKey);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Value;
}
