using Microsoft.IdentityModel.Tokens;
using Passport.Core.Encoding;
using Passport.Core.Jose;

namespace Passport.Gateway.Tokens.Issuers;

/// <summary>
/// The signing keys of a configured issuer's JWKS (RFC 7517 §5), by <c>kid</c>. Keys that cannot verify a signature are
/// left out rather than failing the set: no <c>kid</c>, <c>use</c> other than <c>sig</c>, private members, key types
/// this build does not verify (e.g. <c>oct</c>), malformed members. <c>OKP</c>/<c>Ed25519</c> keys (RFC 8037) are
/// verified by NSec through <see cref="EdDsaSecurityKey"/>. A document that is not a JWKS is an error.
/// </summary>
internal sealed class ForeignJwks
{
    private readonly Dictionary<string, SecurityKey> _keys;

    private ForeignJwks(Dictionary<string, SecurityKey> keys) => _keys = keys;

    /// <summary>The usable key ids.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>The key with <paramref name="keyId"/>, or null.</summary>
    public SecurityKey? Find(string keyId) => _keys.GetValueOrDefault(keyId);

    /// <summary>Parses a JWKS document; null when it is not a JSON object with a <c>keys</c> array.</summary>
    public static ForeignJwks? TryParse(string json)
    {
        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json) { SkipUnresolvedJsonWebKeys = true };
        }
        catch (ArgumentException)
        {
            return null;
        }
        var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        foreach (var key in set.Keys)
        {
            if (string.IsNullOrEmpty(key.Kid) || keys.ContainsKey(key.Kid)) continue;
            if (!string.IsNullOrEmpty(key.Use) && key.Use != JsonWebKeyUseNames.Sig) continue;
            if (key.HasPrivateKey || !Usable(key)) continue;
            keys[key.Kid] = key.Kty == OctetKeyPair ? new EdDsaSecurityKey(Base64UrlEncoding.Decode(key.X), key.Kid) : key;
        }
        return new ForeignJwks(keys);
    }

    // RFC 8037 §2; Microsoft.IdentityModel has no constant for it and cannot verify it, so OKP keys become NSec keys.
    private const string OctetKeyPair = "OKP";

    // Only the asymmetric types the foreign-token path verifies, with the members each needs (RFC 7518 §6.2, §6.3,
    // RFC 8037 §2: an Ed25519 x is 32 bytes).
    private static bool Usable(JsonWebKey key) => key.Kty switch
    {
        OctetKeyPair => key.Crv == "Ed25519" && IsEd25519PublicKey(key.X),
        JsonWebAlgorithmsKeyTypes.EllipticCurve => key.Crv is "P-256" or "P-384" && !string.IsNullOrEmpty(key.X) && !string.IsNullOrEmpty(key.Y),
        JsonWebAlgorithmsKeyTypes.RSA => !string.IsNullOrEmpty(key.N) && !string.IsNullOrEmpty(key.E),
        _ => false,
    };

    private static bool IsEd25519PublicKey(string? x)
    {
        Span<byte> bytes = stackalloc byte[33];
        return x is { Length: 43 } && Base64UrlEncoding.TryDecode(x, bytes, out var written) && written == 32;
    }
}
