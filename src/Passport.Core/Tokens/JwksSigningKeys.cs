using System.Text.Json;
using NSec.Cryptography;
using Passport.Core.Errors;
using Passport.Core.Json;
using Passport.Core.Keys;
using Passport.Core.Protocol;

namespace Passport.Core.Tokens;

/// <summary>
/// The OKP/Ed25519 signing keys of a JWKS document (RFC 7517 §5), indexed by <c>kid</c>. Keys of other types,
/// keys without <c>kid</c>, keys with <c>use</c> other than <c>sig</c> and keys with a private part are skipped.
/// </summary>
public sealed class JwksSigningKeys : ISigningKeyResolver
{
    /// <summary>Largest JWKS document accepted, in bytes.</summary>
    public const int MaxDocumentLength = 64 * 1024;

    private readonly Dictionary<string, PublicKey> _keys;

    private JwksSigningKeys(Dictionary<string, PublicKey> keys) => _keys = keys;

    /// <summary>The key ids present.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <inheritdoc />
    public PublicKey? Find(string keyId) => _keys.GetValueOrDefault(keyId);

    /// <summary>Builds a set from (kid, 32-byte public key) pairs.</summary>
    public static JwksSigningKeys FromKeys(IEnumerable<(string KeyId, byte[] PublicKey)> keys)
    {
        var map = new Dictionary<string, PublicKey>(StringComparer.Ordinal);
        foreach (var (kid, bytes) in keys)
        {
            map[kid] = Ed25519Verifier.TryImport(bytes) ?? throw new PassportFormatException(PassportErrorCodes.KeyInvalid, $"Key '{kid}' is not a valid Ed25519 public key.");
        }
        return new JwksSigningKeys(map);
    }

    /// <summary>Parses a JWKS document.</summary>
    /// <exception cref="PassportFormatException"><c>jwk.malformed</c> when the document is not <c>{"keys":[…]}</c> or too large.</exception>
    public static JwksSigningKeys Parse(string json)
    {
        if (json.Length > MaxDocumentLength)
        {
            throw new PassportFormatException(PassportErrorCodes.JwkMalformed, $"A JWKS document must be at most {MaxDocumentLength} bytes.");
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            {
                throw new PassportFormatException(PassportErrorCodes.JwkMalformed, "A JWKS must be an object with a \"keys\" array.");
            }
            var map = new Dictionary<string, PublicKey>(StringComparer.Ordinal);
            foreach (var element in keys.EnumerateArray())
            {
                if (TryReadSigningKey(element, out var kid, out var key)) map[kid!] = key!;
            }
            return new JwksSigningKeys(map);
        }
        catch (Exception e) when (MalformedJson.Is(e))
        {
            throw new PassportFormatException(PassportErrorCodes.JwkMalformed, "The JWKS document is not valid JSON.");
        }
    }

    private static bool TryReadSigningKey(JsonElement element, out string? kid, out PublicKey? key)
    {
        kid = null;
        key = null;
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("kid", out var kidElement) || kidElement.ValueKind != JsonValueKind.String
            || (element.TryGetProperty("use", out var use) && use.ValueKind == JsonValueKind.String && use.GetString() != "sig")
            || (element.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String && !JoseAlgorithms.IsEd25519(alg.GetString())))
        {
            return false;
        }
        try
        {
            var jwk = Ed25519PublicJwk.Parse(element);
            kid = kidElement.GetString();
            key = Ed25519Verifier.TryImport(jwk.PublicKey);
            return kid is not null && key is not null;
        }
        catch (PassportFormatException)
        {
            return false;
        }
    }
}
