using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Passes;

/// <summary>
/// The Json codec: UTF-8 of what JavaScript's <c>JSON.stringify</c> would write for the value (see
/// <see cref="JsonStringify"/>). Values go through System.Text.Json (property order as declared, names as
/// <see cref="System.Text.Json.Serialization.JsonPropertyNameAttribute"/> says), then are re-written
/// byte-for-byte as JavaScript writes them. Decoding refuses invalid UTF-8, invalid JSON, a JSON
/// <c>null</c> for a reference type, an object naming a member twice, missing required constructor parameters and nulls in non-nullable members.
/// </summary>
/// <typeparam name="T">The body type.</typeparam>
public sealed class JsonCodec<T> : ICodec<T>
{
    private readonly JsonSerializerOptions _options;
    private readonly JsonSerializerOptions _encodeOptions;

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
        _encodeOptions = new JsonSerializerOptions(options);
        _encodeOptions.Converters.Insert(0, new LoneSurrogateStringConverter());
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
    /// <remarks>
    /// A string member holding a lone surrogate is written escaped (<c>"\ud800"</c>) as <c>JSON.stringify</c> writes it;
    /// a <see cref="JsonElement"/> given directly cannot hold one readably and is refused
    /// (<see cref="PassesErrorCodes.UnsupportedJsonValue"/>).
    /// </remarks>
    public byte[] Encode(T value)
    {
        if (value is JsonElement given)
        {
            return Internal.StrictUtf8.Encode(JsonStringify.Stringify(given), "JSON text");
        }

        JsonDocument document;
        try
        {
            // Through bytes, not SerializeToElement: the converter's escaped lone surrogates must survive to Stringify.
            document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(value, _encodeOptions));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new PassesFormatException(PassesErrorCodes.UnsupportedJsonValue, "The value cannot be serialized as JSON.", ex);
        }

        using (document)
        {
            return Internal.StrictUtf8.Encode(JsonStringify.StringifyAllowingLoneSurrogates(document.RootElement), "JSON text");
        }
    }

    /// <inheritdoc />
    public T Decode(ReadOnlySpan<byte> bytes)
    {
        var text = Internal.StrictUtf8.Decode(bytes, "JSON body");
        bytes = Internal.StrictUtf8.WithoutBom(bytes); // as text: the reference's TextDecoder drops it before JSON.parse
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
            DuplicateKeys.Check(bytes, new JsonReaderOptions
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
