using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Passes;

/// <summary>
/// Writes JSON exactly as JavaScript's <c>JSON.stringify(value)</c> does with no indentation: compact, members
/// in the given order, non-ASCII characters literal; only <c>"</c>, <c>\</c>, control characters below U+0020
/// (<c>\b \t \n \f \r</c> or lowercase <c>\u00xx</c>) and lone surrogates (lowercase <c>\udxxx</c>) are escaped;
/// numbers use ECMAScript <c>Number.prototype.toString</c> formatting, and non-finite numbers become <c>null</c>.
/// </summary>
public static class JsonStringify
{
    /// <summary>Writes <paramref name="element"/> as JavaScript would.</summary>
    /// <param name="element">The JSON value.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="PassesFormatException">
    /// <see cref="PassesErrorCodes.UnsupportedJsonValue"/> for an undefined element, an object with a duplicate key,
    /// or a string that is not well-formed (invalid UTF-8 or an escaped lone surrogate, which .NET cannot read).
    /// </exception>
    public static string Stringify(JsonElement element)
    {
        try
        {
            Passport.Shared.WellFormedJson.Check(element);
        }
        catch (JsonException ex)
        {
            throw new PassesFormatException(PassesErrorCodes.UnsupportedJsonValue, "The JSON value holds a string that is not well-formed Unicode.", ex);
        }

        var builder = new StringBuilder();
        Write(builder, element);
        return builder.ToString();
    }

    /// <summary>
    /// As <see cref="Stringify"/>, but a string value holding an escaped lone surrogate (which <see cref="JsonElement"/>
    /// cannot return) is read from its raw text and written escaped, as <c>JSON.stringify</c> writes a JavaScript
    /// string holding one. Used for typed values, whose .NET strings may hold lone surrogates.
    /// </summary>
    internal static string StringifyAllowingLoneSurrogates(JsonElement element)
    {
        var builder = new StringBuilder();
        Write(builder, element);
        return builder.ToString();
    }

    /// <summary>Quotes and escapes a string as <c>JSON.stringify</c> does.</summary>
    /// <param name="value">The string; lone surrogates are allowed and escaped.</param>
    /// <returns>The quoted JSON string.</returns>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2);
        WriteString(builder, value);
        return builder.ToString();
    }

    /// <summary>Formats a number as ECMAScript <c>Number::toString(10)</c> (and JSON.stringify) does.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text; <c>null</c> for NaN and infinities (as JSON.stringify writes them).</returns>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            return "null";
        }

        if (value == 0)
        {
            return "0"; // also -0
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest[0] == '-';
        if (negative)
        {
            shortest = shortest[1..];
        }

        var exponentAt = shortest.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var integerDigits = point < 0 ? mantissa.Length : point;
        var allDigits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var trimmedLeading = allDigits.TrimStart('0');
        var leadingZeros = allDigits.Length - trimmedLeading.Length;
        var digits = trimmedLeading.TrimEnd('0');

        // value = 0.digits × 10^n in ECMAScript terms: digits × 10^(n − k)
        var k = digits.Length;
        var n = integerDigits + exponent - leadingZeros;
        var text = FormatDecimal(digits, k, n);
        return negative ? "-" + text : text;
    }

    private static string FormatDecimal(string digits, int k, int n)
    {
        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var e = n - 1;
        var sign = e < 0 ? "-" : "+";
        var exponentText = Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        return k == 1
            ? digits + "e" + sign + exponentText
            : digits[..1] + "." + digits[1..] + "e" + sign + exponentText;
    }

    private static void Write(StringBuilder builder, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var first = true;
                foreach (var property in element.EnumerateObject())
                {
                    if (!seen.Add(property.Name))
                    {
                        throw new PassesFormatException(
                            PassesErrorCodes.UnsupportedJsonValue,
                            $"A JavaScript object cannot hold the key {Quote(property.Name)} twice.");
                    }

                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteString(builder, property.Name);
                    builder.Append(':');
                    Write(builder, property.Value);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        builder.Append(',');
                    }

                    firstItem = false;
                    Write(builder, item);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(builder, ReadString(element));
                break;
            case JsonValueKind.Number:
                builder.Append(FormatNumber(double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            default:
                throw new PassesFormatException(PassesErrorCodes.UnsupportedJsonValue, "An undefined JSON element cannot be written.");
        }
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\f': builder.Append("\\f"); break;
                case '\r': builder.Append("\\r"); break;
                default:
                    if (c < 0x20)
                    {
                        AppendUnicodeEscape(builder, c);
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        builder.Append(c).Append(value[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        AppendUnicodeEscape(builder, c);
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    // Stringify has checked well-formedness, so only the typed-value path reaches the fallback.
    private static string ReadString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return Unescape(element.GetRawText());
        }
    }

    // Unescapes a quoted JSON string literal (RFC 8259 §7) without requiring well-formed UTF-16.
    private static string Unescape(string quoted)
    {
        var builder = new StringBuilder(quoted.Length);
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            var c = quoted[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            c = quoted[++i];
            switch (c)
            {
                case 'b': builder.Append('\b'); break;
                case 't': builder.Append('\t'); break;
                case 'n': builder.Append('\n'); break;
                case 'f': builder.Append('\f'); break;
                case 'r': builder.Append('\r'); break;
                case 'u':
                    builder.Append((char)int.Parse(quoted.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: builder.Append(c); break; // \" \\ \/
            }
        }

        return builder.ToString();
    }

    private static void AppendUnicodeEscape(StringBuilder builder, char c) =>
        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
