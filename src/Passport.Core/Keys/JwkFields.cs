using System.Text.Json;
using Passport.Core.Encoding;
using Passport.Core.Errors;
using Passport.Core.Json;

namespace Passport.Core.Keys;

/// <summary>The members of an OKP JWK, read and checked for <c>kty</c> and <c>crv</c>.</summary>
internal readonly record struct JwkFields(string X, string? D)
{
    /// <summary>Reads the members; a string that is not well-formed Unicode (e.g. an escaped lone surrogate) is <c>jwk.malformed</c>.</summary>
    public static JwkFields Read(JsonElement element)
    {
        try
        {
            return ReadMembers(element);
        }
        catch (Exception e) when (MalformedJson.Is(e))
        {
            throw new PassportFormatException(PassportErrorCodes.JwkMalformed, "The JWK holds a member that is not well-formed JSON text.");
        }
    }

    private static JwkFields ReadMembers(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PassportFormatException(PassportErrorCodes.JwkMalformed, "A JWK must be a JSON object.");
        }
        var kty = ReadString(element, "kty");
        if (kty != "OKP")
        {
            throw new PassportFormatException(PassportErrorCodes.JwkUnsupportedKty, "Expected \"kty\":\"OKP\" (RFC 8037).");
        }
        var crv = ReadString(element, "crv");
        if (crv != "Ed25519")
        {
            throw new PassportFormatException(PassportErrorCodes.JwkUnsupportedCrv, "Expected \"crv\":\"Ed25519\".");
        }
        var x = ReadString(element, "x") ?? throw new PassportFormatException(PassportErrorCodes.JwkInvalidX, "The JWK has no 'x' member.");
        return new JwkFields(x, element.TryGetProperty("d", out _) ? ReadString(element, "d") ?? "" : null);
    }

    public byte[] DecodeX() => DecodeKeyPart(X, PassportErrorCodes.JwkInvalidX, "x");

    public byte[] DecodeD() => DecodeKeyPart(D ?? "", PassportErrorCodes.JwkInvalidD, "d");

    private static byte[] DecodeKeyPart(string value, string code, string name)
    {
        Span<byte> bytes = stackalloc byte[33];
        if (value.Length != 43 || !Base64UrlEncoding.TryDecode(value.AsSpan(), bytes, out var written) || written != 32)
        {
            throw new PassportFormatException(code, $"'{name}' must be 32 bytes in unpadded base64url (43 characters).");
        }
        return bytes[..32].ToArray();
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
