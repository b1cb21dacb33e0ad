using System.Text.Json;

namespace Passport.Shared;

/// <summary>
/// JSON whose every property name and string value is well-formed Unicode. <see cref="JsonDocument"/> accepts a
/// string holding an escaped lone surrogate (<c>"\ud800"</c>) or, from bytes, invalid or overlong UTF-8, and only
/// fails later when the string is read: <c>GetString</c>, <c>Name</c>, even <c>TryGetProperty</c> on a sibling throw
/// <see cref="InvalidOperationException"/>, which callers do not expect. Checking the whole document once, right
/// after parsing, turns that into the <see cref="JsonException"/> every reader already handles.
/// Compiled into each assembly that reads untrusted JSON (linked source, no shared dependency).
/// </summary>
internal static class WellFormedJson
{
    /// <summary>Parses UTF-8 JSON; any malformed text, including ill-formed strings, is a <see cref="JsonException"/>.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json, JsonDocumentOptions options = default) =>
        Checked(JsonDocument.Parse(utf8Json, options));

    /// <summary>Parses JSON text; any malformed text, including ill-formed strings, is a <see cref="JsonException"/>.</summary>
    public static JsonDocument Parse(string json, JsonDocumentOptions options = default)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, options);
        }
        catch (ArgumentException e)
        {
            // A .NET string may hold a lone surrogate itself; it has no UTF-8 form to parse.
            throw new JsonException("The JSON text is not well-formed UTF-16.", e);
        }
        return Checked(document);
    }

    /// <summary>Parses a UTF-8 JSON stream; any malformed text, including ill-formed strings, is a <see cref="JsonException"/>.</summary>
    public static async Task<JsonDocument> ParseAsync(Stream utf8Json, JsonDocumentOptions options, CancellationToken cancellationToken) =>
        Checked(await JsonDocument.ParseAsync(utf8Json, options, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Reads UTF-8 JSON through once without building a document: syntax errors and ill-formed strings are both a
    /// <see cref="JsonException"/>. For callers that bind with <see cref="JsonSerializer"/>, which keeps ill-formed
    /// strings inside <see cref="JsonElement"/> members.
    /// </summary>
    public static void Validate(ReadOnlySpan<byte> utf8Json, JsonReaderOptions options = default)
    {
        var reader = new Utf8JsonReader(utf8Json, options);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    _ = reader.GetString();
                }
            }
        }
        catch (InvalidOperationException e)
        {
            throw IllFormed(e);
        }
    }

    /// <summary>Throws <see cref="JsonException"/> when a property name or string value under <paramref name="element"/> is not well-formed.</summary>
    public static void Check(JsonElement element)
    {
        try
        {
            Walk(element);
        }
        catch (InvalidOperationException e)
        {
            throw IllFormed(e);
        }
    }

    private static JsonException IllFormed(InvalidOperationException e) =>
        new("The JSON holds a string that is not well-formed Unicode (invalid UTF-8 or a lone surrogate).", e);

    private static JsonDocument Checked(JsonDocument document)
    {
        try
        {
            Check(document.RootElement);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    // Depth is bounded by the document's MaxDepth (64 by default), so recursion is bounded too.
    private static void Walk(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Walk(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item);
                }
                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }
}
