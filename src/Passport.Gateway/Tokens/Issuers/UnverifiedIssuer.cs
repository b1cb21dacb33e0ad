using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Passport.Gateway.Tokens.Issuers;

/// <summary>
/// The <c>iss</c> of a compact JWS read from its payload without verifying anything: used only to choose which
/// issuer's keys and rules verify the token next; everything is verified after. Null when the token is not a JWS or
/// its payload has no string <c>iss</c>.
/// </summary>
internal static class UnverifiedIssuer
{
    // Larger payloads are not tokens any issuer sends; they are not read.
    private const int MaxPayloadChars = 16 * 1024;

    public static string? Read(string token)
    {
        var first = token.IndexOf('.', StringComparison.Ordinal);
        if (first < 0) return null;
        var second = token.IndexOf('.', first + 1);
        if (second < 0) return null;
        var encoded = token.AsSpan(first + 1, second - first - 1);
        if (encoded.Length == 0 || encoded.Length > MaxPayloadChars) return null;
        // At least 16 bytes: the shared pool takes back only arrays of its own bucket sizes (a 0-byte rent is not one).
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(16, Base64Url.GetMaxDecodedLength(encoded.Length)));
        try
        {
            if (!Base64Url.TryDecodeFromChars(encoded, rented, out var written)) return null;
            var reader = new Utf8JsonReader(rented.AsSpan(0, written));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isIss = reader.ValueTextEquals("iss"u8);
                if (!reader.Read()) return null;
                if (isIss) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            return null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
