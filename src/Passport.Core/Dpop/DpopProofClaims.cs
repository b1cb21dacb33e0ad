using System.Text.Json;
using Passport.Core.Json;

namespace Passport.Core.Dpop;

/// <summary>
/// The payload claims of a DPoP proof (RFC 9449 §4.2) plus the registered time claims <c>exp</c> and <c>nbf</c>
/// (RFC 7519 §4.1.4–5), which a proof may carry and which are then honoured. A repeated known member, a string that is
/// not well-formed Unicode, or an <c>exp</c>/<c>nbf</c> that is not a NumericDate makes the payload malformed.
/// </summary>
internal readonly record struct DpopProofClaims(
    string? Jti, string? Htm, string? Htu, long? IssuedAt, string? Ath, string? Nonce, long? ExpiresAt, long? NotBefore)
{
    public static bool TryRead(ReadOnlySpan<byte> payload, out DpopProofClaims claims)
    {
        claims = default;
        string? jti = null, htm = null, htu = null, ath = null, nonce = null;
        long? iat = null, exp = null, nbf = null;
        bool iatSeen = false, expSeen = false, nbfSeen = false;
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("jti"u8)) { if (jti is not null || !ReadString(ref reader, out jti)) return false; }
                else if (reader.ValueTextEquals("htm"u8)) { if (htm is not null || !ReadString(ref reader, out htm)) return false; }
                else if (reader.ValueTextEquals("htu"u8)) { if (htu is not null || !ReadString(ref reader, out htu)) return false; }
                else if (reader.ValueTextEquals("ath"u8)) { if (ath is not null || !ReadString(ref reader, out ath)) return false; }
                else if (reader.ValueTextEquals("nonce"u8)) { if (nonce is not null || !ReadString(ref reader, out nonce)) return false; }
                else if (reader.ValueTextEquals("iat"u8))
                {
                    // An iat that is not a NumericDate (string, out of range) is reported as MissingIssuedAt, as DpopErrorCode documents.
                    if (iatSeen || !reader.Read()) return false;
                    iatSeen = true;
                    if (NumericDate.TryRead(ref reader, out var value)) iat = value;
                    else reader.Skip();
                }
                else if (reader.ValueTextEquals("exp"u8))
                {
                    if (expSeen || !reader.Read() || !NumericDate.TryRead(ref reader, out var value)) return false;
                    expSeen = true;
                    exp = value;
                }
                else if (reader.ValueTextEquals("nbf"u8))
                {
                    if (nbfSeen || !reader.Read() || !NumericDate.TryRead(ref reader, out var value)) return false;
                    nbfSeen = true;
                    nbf = value;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false;
        }
        catch (Exception e) when (MalformedJson.Is(e))
        {
            return false;
        }
        claims = new DpopProofClaims(jti, htm, htu, iat, ath, nonce, exp, nbf);
        return true;
    }

    private static bool ReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
        value = reader.GetString(); // throws InvalidOperationException for lone surrogates / invalid UTF-8: caught above
        return true;
    }
}
