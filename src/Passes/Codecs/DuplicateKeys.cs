using System.Text.Json;

namespace Passes;

/// <summary>
/// Refuses JSON in which an object names a member twice. <see cref="JsonCodec{T}"/> refuses to encode such an object
/// (a JavaScript object cannot hold it), so decoding refuses it too: otherwise which value wins would depend on the
/// parser (JSON.parse keeps the last, a binder may keep the first), and two peers could read different bodies.
/// </summary>
internal static class DuplicateKeys
{
    /// <summary>Throws <see cref="JsonException"/> at the first repeated member name (ordinal comparison after unescaping).</summary>
    public static void Check(ReadOnlySpan<byte> utf8Json, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(utf8Json, options);
        var open = new Stack<HashSet<string>?>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    open.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.StartArray:
                    open.Push(null);
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    open.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    if (!open.Peek()!.Add(name))
                    {
                        throw new JsonException($"The member {JsonStringify.Quote(name)} appears twice in one object.");
                    }

                    break;
            }
        }
    }
}
