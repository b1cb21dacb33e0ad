using System.Text.Json;

namespace Passport.Core.Dpop;

/// <summary>The payload claims of a DPoP proof (RFC 9449 §4.2). Duplicate members make the payload malformed.</summary>
internal readonly record struct DpopProofClaims(string? Jti, string? Htm, string? Htu, long? IssuedAt, string? Ath, string? Nonce)
{
    public static bool TryRead(ReadOnlySpan<byte> payload, out DpopProofClaims claims)
    {
        claims = default;
        string? jti = null, htm = null, htu = null, ath = null, nonce = null;
        long? iat = null;
        var iatSeen = false;
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
                    // A non-integer iat (string, float, out of range) is reported as MissingIssuedAt, as DpopErrorCode documents.
                    if (iatSeen || !reader.Read()) return false;
                    iatSeen = true;
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value)) iat = value;
                    else reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false;
        }
        catch (JsonException)
        {
            return false;
        }
        claims = new DpopProofClaims(jti, htm, htu, iat, ath, nonce);
        return true;
    }

    private static bool ReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
        value = reader.GetString();
        return true;
    }
}
