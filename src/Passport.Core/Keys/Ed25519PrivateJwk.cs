using System.Text.Json;
using Passport.Core.Errors;

namespace Passport.Core.Keys;

/// <summary>Explicit export and import of an Ed25519 private key as a JWK with <c>d</c> (RFC 8037 §2). Used only for identity files.</summary>
public static class Ed25519PrivateJwk
{
    /// <summary>Serialises the key pair including its private seed <c>d</c>. Treat the result as a secret.</summary>
    public static string Export(Ed25519KeyPair keyPair)
    {
        var seed = keyPair.ExportPrivateSeed();
        try
        {
            return JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["kty"] = "OKP",
                ["crv"] = "Ed25519",
                ["x"] = keyPair.PublicJwk.X,
                ["d"] = Encoding.Base64UrlEncoding.Encode(seed),
            });
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Imports a private JWK; checks that <c>x</c> matches the public key derived from <c>d</c>.</summary>
    /// <exception cref="PassportFormatException"><c>jwk.*</c> codes for any malformed member; <c>jwk.invalid_x</c> when x does not match d.</exception>
    public static Ed25519KeyPair Import(JsonElement element)
    {
        var fields = JwkFields.Read(element);
        if (fields.D is null)
        {
            throw new PassportFormatException(PassportErrorCodes.JwkInvalidD, "The JWK has no private part 'd'.");
        }
        var seed = fields.DecodeD();
        var x = fields.DecodeX();
        var keyPair = Ed25519KeyPair.FromPrivateSeed(seed);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
        if (!keyPair.PublicKey.AsSpan().SequenceEqual(x))
        {
            keyPair.Dispose();
            throw new PassportFormatException(PassportErrorCodes.JwkInvalidX, "'x' is not the public key of 'd'.");
        }
        return keyPair;
    }
}
