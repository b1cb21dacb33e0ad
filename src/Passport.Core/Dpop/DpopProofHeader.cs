using System.Text.Json;
using Passport.Core.Encoding;
using Passport.Core.Json;
using Passport.Core.Protocol;

namespace Passport.Core.Dpop;

/// <summary>
/// Reads and checks the JOSE header of a DPoP proof: <c>typ</c>, <c>alg</c> and <c>jwk</c> (RFC 9449 §4.2, §4.3 steps 4–7).
/// Accepted: <c>EdDSA</c>/<c>Ed25519</c> with an OKP/Ed25519 key, and <c>ES256</c> with an EC/P-256 key; the <c>alg</c>
/// must be the key's algorithm (RFC 7517 §4.1: a key of another type is refused rather than tried).
/// </summary>
internal static class DpopProofHeader
{
    /// <summary>The proof <c>alg</c> values accepted, as advertised in <c>dpop_signing_alg_values_supported</c> (RFC 9449 §5.1, RFC 9728 §2).</summary>
    public static readonly IReadOnlyList<string> SupportedAlgorithms = [.. JoseAlgorithms.Ed25519Names, JoseAlgorithms.ES256];

    /// <summary>
    /// Checks the header; on success sets <paramref name="keyType"/> and writes the key into <paramref name="publicKey"/>
    /// (<see cref="DpopProofKeyBuffers.PublicKeyLength"/> bytes: Ed25519 key, or P-256 x‖y) and its base64url members
    /// into <paramref name="encoded"/> (<see cref="DpopProofKeyBuffers.EncodedLength"/> bytes: x, or x‖y).
    /// </summary>
    /// <remarks>With <paramref name="acceptEs256"/> false an <c>ES256</c> proof is refused as an unsupported algorithm.</remarks>
    public static DpopErrorCode Read(ReadOnlySpan<byte> header, Span<byte> publicKey, Span<byte> encoded, bool acceptEs256, out DpopProofKeyType keyType)
    {
        keyType = DpopProofKeyType.None;
        bool typ = false, jwk = false;
        var alg = DpopProofKeyType.None;
        var key = DpopProofKeyType.None;
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
                    if (alg != DpopProofKeyType.None || !reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return DpopErrorCode.UnsupportedAlgorithm;
                    alg = JoseAlgorithms.IsEd25519(reader.ValueSpan) ? DpopProofKeyType.Ed25519
                        : acceptEs256 && reader.ValueSpan.SequenceEqual("ES256"u8) ? DpopProofKeyType.P256
                        : DpopProofKeyType.None;
                    if (alg == DpopProofKeyType.None) return DpopErrorCode.UnsupportedAlgorithm;
                }
                else if (reader.ValueTextEquals("jwk"u8))
                {
                    if (jwk) return DpopErrorCode.InvalidJwk;
                    var jwkError = ReadJwk(ref reader, publicKey, encoded, out key);
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
        if (alg == DpopProofKeyType.None) return DpopErrorCode.UnsupportedAlgorithm;
        if (!jwk || key != alg) return DpopErrorCode.InvalidJwk; // an ES256 proof with an Ed25519 jwk, or the reverse
        keyType = key;
        return DpopErrorCode.None;
    }

    private static DpopErrorCode ReadJwk(ref Utf8JsonReader reader, Span<byte> publicKey, Span<byte> encoded, out DpopProofKeyType keyType)
    {
        keyType = DpopProofKeyType.None;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return DpopErrorCode.InvalidJwk;
        var kty = DpopProofKeyType.None;
        var crv = DpopProofKeyType.None;
        bool ktySeen = false, crvSeen = false, x = false, y = false, d = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("kty"u8))
            {
                if (ktySeen || !reader.Read() || reader.TokenType != JsonTokenType.String) return DpopErrorCode.InvalidJwk;
                kty = reader.ValueTextEquals("OKP"u8) ? DpopProofKeyType.Ed25519 : reader.ValueTextEquals("EC"u8) ? DpopProofKeyType.P256 : DpopProofKeyType.None;
                if (kty == DpopProofKeyType.None) return DpopErrorCode.InvalidJwk;
                ktySeen = true;
            }
            else if (reader.ValueTextEquals("crv"u8))
            {
                if (crvSeen || !reader.Read() || reader.TokenType != JsonTokenType.String) return DpopErrorCode.InvalidJwk;
                crv = reader.ValueTextEquals("Ed25519"u8) ? DpopProofKeyType.Ed25519 : reader.ValueTextEquals("P-256"u8) ? DpopProofKeyType.P256 : DpopProofKeyType.None;
                if (crv == DpopProofKeyType.None) return DpopErrorCode.InvalidJwk;
                crvSeen = true;
            }
            else if (reader.ValueTextEquals("x"u8))
            {
                if (x || !ReadCoordinate(ref reader, publicKey[..32], encoded[..DpopProofKeyBuffers.EncodedMemberLength])) return DpopErrorCode.InvalidJwk;
                x = true;
            }
            else if (reader.ValueTextEquals("y"u8))
            {
                if (y || !ReadCoordinate(ref reader, publicKey[32..64], encoded[DpopProofKeyBuffers.EncodedMemberLength..])) return DpopErrorCode.InvalidJwk;
                y = true;
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
        // OKP carries x only (RFC 8037 §2); EC P-256 carries x and y (RFC 7518 §6.2.1).
        var complete = kty switch
        {
            DpopProofKeyType.Ed25519 => crv == DpopProofKeyType.Ed25519 && x && !y,
            DpopProofKeyType.P256 => crv == DpopProofKeyType.P256 && x && y,
            _ => false,
        };
        if (!complete) return DpopErrorCode.InvalidJwk;
        keyType = kty;
        return DpopErrorCode.None;
    }

    /// <summary>A 32-byte member: exactly 43 unescaped base64url characters (RFC 7518 §6.2.1.2: full-length coordinates).</summary>
    private static bool ReadCoordinate(ref Utf8JsonReader reader, Span<byte> raw, Span<byte> encoded)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return false;
        var value = reader.ValueSpan;
        if (value.Length != DpopProofKeyBuffers.EncodedMemberLength || !Base64UrlEncoding.TryDecode(value, raw, out var written) || written != 32) return false;
        value.CopyTo(encoded);
        return true;
    }
}
