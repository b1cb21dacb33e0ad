using System.Text.Json;
using System.Text.Json.Serialization;

namespace Passes;

/// <summary>
/// Writes a string member that holds a lone UTF-16 surrogate as JavaScript's <c>JSON.stringify</c> does
/// (<c>"\ud800"</c>, lowercase hex) instead of the U+FFFD that <see cref="Utf8JsonWriter"/> substitutes.
/// Well-formed strings are written and every string is read exactly as without this converter.
/// </summary>
internal sealed class LoneSurrogateStringConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.GetString();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (IsWellFormed(value))
        {
            writer.WriteStringValue(value);
        }
        else
        {
            // The quoted text is ASCII-escaped JSON; skipping validation only lets the escaped surrogate through.
            writer.WriteRawValue(JsonStringify.Quote(value), skipInputValidation: true);
        }
    }

    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
