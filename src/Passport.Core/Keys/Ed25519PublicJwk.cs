using System.Text.Json;
using Passport.Core.Encoding;
using Passport.Core.Errors;
using Passport.Core.Json;

namespace Passport.Core.Keys;

/// <summary>An OKP/Ed25519 public JSON Web Key (RFC 7517, RFC 8037 §2).</summary>
public sealed class Ed25519PublicJwk
{
    /// <summary>Largest JWK text accepted, in bytes; anything larger is refused before parsing.</summary>
    public const int MaxJsonLength = 4096;

    /// <summary>Creates the JWK of a 32-byte raw public key.</summary>
    /// <exception cref="PassportFormatException"><c>jwk.invalid_x</c> when the key is not 32 bytes.</exception>
    public Ed25519PublicJwk(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != 32)
        {
            throw new PassportFormatException(PassportErrorCodes.JwkInvalidX, $"An Ed25519 public key is 32 bytes, got {publicKey.Length}.");
        }
        PublicKey = publicKey.ToArray();
        X = Base64UrlEncoding.Encode(publicKey);
        Thumbprint = JwkThumbprint.Compute(publicKey);
    }

    /// <summary>The 32-byte raw public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The <c>x</c> member: the public key in base64url.</summary>
    public string X { get; }

    /// <summary>The RFC 7638 thumbprint (base64url SHA-256), the value of <c>cnf.jkt</c>.</summary>
    public string Thumbprint { get; }

    /// <summary>Serialises the public JWK as <c>{"kty":"OKP","crv":"Ed25519","x":"…"}</c> plus optional members.</summary>
    public string ToJson(string? kid = null, string? use = null, string? alg = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteTo(writer, kid, use, alg);
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the public JWK as a JSON object.</summary>
    public void WriteTo(Utf8JsonWriter writer, string? kid = null, string? use = null, string? alg = null)
    {
        writer.WriteStartObject();
        writer.WriteString("kty", "OKP");
        writer.WriteString("crv", "Ed25519");
        writer.WriteString("x", X);
        if (kid is not null) writer.WriteString("kid", kid);
        if (use is not null) writer.WriteString("use", use);
        if (alg is not null) writer.WriteString("alg", alg);
        writer.WriteEndObject();
    }

    /// <summary>Parses a public JWK strictly.</summary>
    /// <exception cref="PassportFormatException">
    /// <c>jwk.malformed</c>, <c>jwk.unsupported_kty</c>, <c>jwk.unsupported_crv</c>, <c>jwk.invalid_x</c> (also when x is
    /// not a curve point or is of small order), or <c>jwk.private_key_present</c> when a <c>d</c> member is present.
    /// </exception>
    public static Ed25519PublicJwk Parse(string json)
    {
        if (json is null || json.Length > MaxJsonLength)
        {
            throw new PassportFormatException(PassportErrorCodes.JwkMalformed, $"A JWK must be a JSON object of at most {MaxJsonLength} bytes.");
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (Exception e) when (MalformedJson.Is(e))
        {
            throw new PassportFormatException(PassportErrorCodes.JwkMalformed, "A JWK must be a JSON object.");
        }
    }

    /// <summary>Parses a public JWK from a JSON element strictly (see <see cref="Parse(string)"/>).</summary>
    public static Ed25519PublicJwk Parse(JsonElement element)
    {
        var fields = JwkFields.Read(element);
        if (fields.D is not null)
        {
            throw new PassportFormatException(PassportErrorCodes.JwkPrivateKeyPresent, "The JWK has a private part 'd'; only a public key is allowed here.");
        }
        var x = fields.DecodeX();
        // The same point check as did:key, so a key registered or rotated in as a JWK meets the same bar as one in a DID.
        if (!Ed25519PublicKeyCheck.IsValid(x))
        {
            throw new PassportFormatException(PassportErrorCodes.JwkInvalidX, "'x' is not a valid Ed25519 public key (not a curve point, or of small order).");
        }
        return new Ed25519PublicJwk(x);
    }

    /// <inheritdoc />
    public override string ToString() => ToJson();
}
