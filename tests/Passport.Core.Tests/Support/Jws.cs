using System.Text.Json.Nodes;
using Passport.Core.Encoding;
using Passport.Core.Keys;

namespace Passport.Core.Tests.Support;

/// <summary>Test-only compact JWS writer: any header and payload text, signed with any Ed25519 key.</summary>
internal static class Jws
{
    public static string Encode(string json) => Base64UrlEncoding.Encode(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>Signs raw header and payload JSON (so tests can write duplicates, wrong types, non-JSON).</summary>
    public static string Sign(Ed25519KeyPair key, string headerJson, string payloadJson)
    {
        var signingInput = Encode(headerJson) + "." + Encode(payloadJson);
        var signature = key.Sign(System.Text.Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64UrlEncoding.Encode(signature);
    }

    /// <summary>Signs raw header and payload bytes (so tests can put bytes that are not UTF-8 inside the JSON).</summary>
    public static string Sign(Ed25519KeyPair key, byte[] header, byte[] payload)
    {
        var signingInput = Base64UrlEncoding.Encode(header) + "." + Base64UrlEncoding.Encode(payload);
        var signature = key.Sign(System.Text.Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64UrlEncoding.Encode(signature);
    }

    public static string Sign(Ed25519KeyPair key, JsonNode header, JsonNode payload) =>
        Sign(key, header.ToJsonString(), payload.ToJsonString());

    /// <summary>Flips one bit of the decoded part <paramref name="part"/> (0 header, 1 payload, 2 signature) and re-encodes it.</summary>
    public static string FlipByte(string compact, int part, int index = 0)
    {
        var parts = compact.Split('.');
        var bytes = Base64UrlEncoding.Decode(parts[part]);
        bytes[index] ^= 0x01;
        parts[part] = Base64UrlEncoding.Encode(bytes);
        return string.Join('.', parts);
    }
}
