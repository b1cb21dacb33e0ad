using System.Text.Json;
using Passport.Server.Problems;

namespace Passport.Server.Http;

/// <summary>Typed, bounded reads of request fields; each failure is a 400 problem naming the field.</summary>
internal static class JsonFields
{
    public static string Required(JsonElement root, string name, int maxLength)
    {
        return Optional(root, name, maxLength) is { Length: > 0 } value
            ? value
            : throw ApiProblem.BadRequest(ProblemCodes.MissingField, $"The field '{name}' is required (a non-empty string).");
    }

    public static string? Optional(JsonElement root, string name, int maxLength)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind != JsonValueKind.String)
        {
            throw ApiProblem.BadRequest(ProblemCodes.InvalidField, $"The field '{name}' must be a string.");
        }
        var value = element.GetString()!;
        if (value.Length > maxLength)
        {
            throw ApiProblem.BadRequest(ProblemCodes.FieldTooLong, $"The field '{name}' must be at most {maxLength} characters.");
        }
        return value;
    }

    public static IReadOnlyList<string>? OptionalStringArray(JsonElement root, string name, int maxItems, int maxItemLength)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind == JsonValueKind.String)
        {
            // RFC 6749 §3.3 form: one space-separated string.
            var text = element.GetString()!;
            if (text.Length > maxItems * (maxItemLength + 1))
            {
                throw ApiProblem.BadRequest(ProblemCodes.FieldTooLong, $"The field '{name}' is too long.");
            }
            return Check(name, text.Split(' ', StringSplitOptions.RemoveEmptyEntries), maxItems, maxItemLength);
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw ApiProblem.BadRequest(ProblemCodes.InvalidField, $"The field '{name}' must be an array of strings.");
        }
        if (element.GetArrayLength() > maxItems)
        {
            throw ApiProblem.BadRequest(ProblemCodes.FieldTooLong, $"The field '{name}' may hold at most {maxItems} items.");
        }
        var items = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw ApiProblem.BadRequest(ProblemCodes.InvalidField, $"The field '{name}' must be an array of strings.");
            }
            items.Add(item.GetString()!);
        }
        return Check(name, items, maxItems, maxItemLength);
    }

    private static IReadOnlyList<string> Check(string name, IReadOnlyList<string> items, int maxItems, int maxItemLength)
    {
        if (items.Count > maxItems)
        {
            throw ApiProblem.BadRequest(ProblemCodes.FieldTooLong, $"The field '{name}' may hold at most {maxItems} items.");
        }
        foreach (var item in items)
        {
            if (item.Length == 0 || item.Length > maxItemLength || !IsScopeToken(item))
            {
                throw ApiProblem.BadRequest(ProblemCodes.InvalidField,
                    $"Each item of '{name}' must be 1–{maxItemLength} printable ASCII characters without spaces, quotes or backslashes (RFC 6749 §3.3).");
            }
        }
        return items.Distinct(StringComparer.Ordinal).ToList();
    }

    // scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) (RFC 6749 §3.3)
    private static bool IsScopeToken(string value)
    {
        foreach (var c in value)
        {
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') return false;
        }
        return true;
    }
}
