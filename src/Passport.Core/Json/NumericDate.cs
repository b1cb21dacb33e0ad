using System.Text.Json;

namespace Passport.Core.Json;

/// <summary>
/// Reads a JWT NumericDate (RFC 7519 §2): seconds since the Unix epoch as a JSON number, which may be non-integer
/// (e.g. <c>1733325600.25</c>). The value is truncated toward negative infinity to whole seconds, and every check
/// (iat window, exp, nbf, replay retention) uses that one whole-second value, so they always agree with each other.
/// Values outside what <see cref="DateTimeOffset"/> can represent are refused, so that callers converting with
/// <see cref="DateTimeOffset.FromUnixTimeSeconds"/> never throw. Shared by DPoP proofs and access tokens.
/// </summary>
internal static class NumericDate
{
    /// <summary>0001-01-01T00:00:00Z, the earliest accepted value.</summary>
    public const long MinValue = -62_135_596_800;

    /// <summary>9999-12-31T23:59:59Z, the latest accepted value.</summary>
    public const long MaxValue = 253_402_300_799;

    /// <summary>Reads the current value of <paramref name="reader"/> (already positioned on it); false when it is not a NumericDate.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out long seconds)
    {
        seconds = 0;
        if (reader.TokenType != JsonTokenType.Number) return false;
        if (reader.TryGetInt64(out seconds)) return InRange(seconds);
        return reader.TryGetDouble(out var value) && TryTruncate(value, out seconds);
    }

    /// <summary>Reads <paramref name="element"/>; false when it is not a NumericDate.</summary>
    public static bool TryRead(JsonElement element, out long seconds)
    {
        seconds = 0;
        if (element.ValueKind != JsonValueKind.Number) return false;
        if (element.TryGetInt64(out seconds)) return InRange(seconds);
        return element.TryGetDouble(out var value) && TryTruncate(value, out seconds);
    }

    private static bool InRange(long seconds) => seconds is >= MinValue and <= MaxValue;

    private static bool TryTruncate(double value, out long seconds)
    {
        seconds = 0;
        if (!(value >= MinValue && value < MaxValue + 1.0)) return false; // also refuses NaN and infinities
        seconds = (long)Math.Floor(value);
        return true;
    }
}
