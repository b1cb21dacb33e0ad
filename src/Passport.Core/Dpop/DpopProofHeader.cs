using System.Text.Json;
using Passport.Core.Encoding;
using Passport.Core.Json;
using Passport.Core.Protocol;

namespace Passport.Core.Dpop;

/// <summary>Reads and checks the JOSE header of a DPoP proof: <c>typ</c>, <c>alg</c> and <c>jwk</c> (RFC 9449 §4.2, §4.3 steps 4–7).</summary>
internal static class DpopProofHeader
{
    /// <summary>Checks the header; on success writes the 32-byte public key and its 43-byte base64url <c>x</c>.</summary>
    public static DpopErrorCode Read(ReadOnlySpan<byte> header, Span<byte> publicKey, Span<byte> encodedX)
    {
        bool typ = false, alg = false, jwk = false;
        try
        {
            var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return DpopErrorCode.Malformed;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("typ"u8))
                {
                    if (typ || !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(DpopConstants.ProofType)) return DpopErrorCode.InvalidType;
                    typ = true;
                }
                else if (reader.ValueTextEquals("alg"u8))
                {
                    if (alg || !reader.Read() || reader.TokenType != JsonTokenType.String || !IsEd25519(ref reader)) return DpopErrorCode.UnsupportedAlgorithm;
                    alg = true;
                }
                else if (reader.ValueTextEquals("jwk"u8))
                {
                    if (jwk) return DpopErrorCode.InvalidJwk;
                    var jwkError = ReadJwk(ref reader, publicKey, encodedX);
                    if (jwkError != DpopErrorCode.None) return jwkError;
                    jwk = true;
                }
                else if (reader.ValueTextEquals("crit"u8))
                {
                    return DpopErrorCode.Malformed; // RFC 7515 §4.1.11: no extension is understood, so any crit is refused.
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return DpopErrorCode.Malformed;
        }
        catch (Exception e) when (MalformedJson.Is(e))
        {
            return DpopErrorCode.Malformed;
        }
        if (!typ) return DpopErrorCode.InvalidType;
        if (!alg) return DpopErrorCode.UnsupportedAlgorithm;
        return jwk ? DpopErrorCode.None : DpopErrorCode.InvalidJwk;
    }

    private static DpopErrorCode ReadJwk(ref Utf8JsonReader reader, Span<byte> publicKey, Span<byte> encodedX)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return DpopErrorCode.InvalidJwk;
        bool kty = false, crv = false, x = false, d = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("kty"u8))
            {
                if (kty || !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("OKP"u8)) return DpopErrorCode.InvalidJwk;
                kty = true;
            }
            else if (reader.ValueTextEquals("crv"u8))
            {
                if (crv || !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("Ed25519"u8)) return DpopErrorCode.InvalidJwk;
                crv = true;
            }
            else if (reader.ValueTextEquals("x"u8))
            {
                if (x || !reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return DpopErrorCode.InvalidJwk;
                var value = reader.ValueSpan;
                if (value.Length != 43 || !Base64UrlEncoding.TryDecode(value, publicKey, out var written) || written != 32) return DpopErrorCode.InvalidJwk;
                value.CopyTo(encodedX);
                x = true;
            }
            else if (reader.ValueTextEquals("d"u8))
            {
                d = true;
                reader.Read();
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (d) return DpopErrorCode.PrivateKeyInJwk;
        return kty && crv && x ? DpopErrorCode.None : DpopErrorCode.InvalidJwk;
    }

    // EdDSA or Ed25519 (RFC 9864 §2.2) via JoseAlgorithms; an escaped value is compared unescaped.
    private static bool IsEd25519(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? JoseAlgorithms.IsEd25519(reader.GetString()) : JoseAlgorithms.IsEd25519(reader.ValueSpan);
}
