using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Passes;

/// <summary>
/// The Json codec: UTF-8 of what JavaScript's <c>JSON.stringify</c> would write for the value (see
/// <see cref="JsonStringify"/>). Values go through System.Text.Json (property order as declared, names as
/// <see cref="System.Text.Json.Serialization.JsonPropertyNameAttribute"/> says), then are re-written
/// byte-for-byte as JavaScript writes them. Decoding refuses invalid UTF-8, invalid JSON, a JSON
/// <c>null</c> for a reference type, missing required constructor parameters and nulls in non-nullable members.
/// </summary>
/// <typeparam name="T">The body type.</typeparam>
public sealed class JsonCodec<T> : ICodec<T>
{
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates a Json codec with the library's strict default options.</summary>
    public JsonCodec()
        : this(DefaultOptions)
    {
    }

    /// <summary>Creates a Json codec with caller-supplied serializer options (escaping options are irrelevant: output is re-written).</summary>
    /// <param name="options">The serializer options.</param>
    public JsonCodec(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>
    /// The default options: reflection-based, property names as declared or as attributes say,
    /// nullable annotations and required constructor parameters respected.
    /// </summary>
    public static JsonSerializerOptions DefaultOptions { get; } = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <inheritdoc />
    public byte[] Encode(T value)
    {
        JsonElement element;
        try
        {
            element = value is JsonElement given ? given : JsonSerializer.SerializeToElement(value, _options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new PassesFormatException(PassesErrorCodes.UnsupportedJsonValue, "The value cannot be serialized as JSON.", ex);
        }

        return Internal.StrictUtf8.Encode(JsonStringify.Stringify(element), "JSON text");
    }

    /// <inheritdoc />
    public T Decode(ReadOnlySpan<byte> bytes)
    {
        var text = Internal.StrictUtf8.Decode(bytes, "JSON body");
        T? value;
        try
        {
            // The serializer keeps ill-formed strings (an escaped lone surrogate) inside JsonElement members,
            // where reading them later throws; refuse them here, with the reader settings the serializer uses.
            Passport.Shared.WellFormedJson.Validate(bytes, new JsonReaderOptions
            {
                AllowTrailingCommas = _options.AllowTrailingCommas,
                CommentHandling = _options.ReadCommentHandling,
                MaxDepth = _options.MaxDepth,
            });
            value = JsonSerializer.Deserialize<T>(text, _options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new PassesFormatException(PassesErrorCodes.InvalidJson, "The body is not valid JSON for the expected type.", ex);
        }

        if (value is null && default(T) is null)
        {
            throw new PassesFormatException(PassesErrorCodes.InvalidJson, "The body is JSON null where a value is required.");
        }

        return value!;
    }
}
