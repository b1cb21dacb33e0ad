using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Passes.Internal;
using Passes.Tests.Support;

namespace Passes.Tests.Json;

/// <summary>
/// Edge cases where the reference (JavaScript: <c>JSON.stringify</c>, <c>JSON.parse</c>, <c>TextDecoder</c>) decides the
/// bytes, and inputs that must raise <see cref="PassesFormatException"/> with a stable code rather than a .NET exception.
/// </summary>
public class ReferenceEdgeCaseTests
{
    public sealed record Holder([property: JsonPropertyName("s")] string S);

    public sealed record ListHolder([property: JsonPropertyName("l")] IReadOnlyList<string> L);

    /// <summary>(name, typed value, what JSON.stringify writes for the same JavaScript value).</summary>
    private static readonly (string Name, Func<byte[]> Encode, string Expected)[] TypedLoneSurrogates =
    [
        ("lone high", () => new JsonCodec<Holder>().Encode(new Holder("\ud800")), "{\"s\":\"\\ud800\"}"),
        ("lone low between text", () => new JsonCodec<Holder>().Encode(new Holder("a\udc00b")), "{\"s\":\"a\\udc00b\"}"),
        ("reversed pair", () => new JsonCodec<Holder>().Encode(new Holder("\udc00\ud800")), "{\"s\":\"\\udc00\\ud800\"}"),
        ("high then pair", () => new JsonCodec<Holder>().Encode(new Holder("\ud800\ud83d\ude00")), "{\"s\":\"\\ud800\ud83d\ude00\"}"),
        ("with escapes and non-ASCII", () => new JsonCodec<Holder>().Encode(new Holder("é\"\n\udbff")), "{\"s\":\"é\\\"\\n\\udbff\"}"),
        ("in a list", () => new JsonCodec<ListHolder>().Encode(new ListHolder(["ok", "\udfff"])), "{\"l\":[\"ok\",\"\\udfff\"]}"),
        ("bare string", () => new JsonCodec<string>().Encode("x\ud800"), "\"x\\ud800\""),
        ("well-formed pair stays literal", () => new JsonCodec<Holder>().Encode(new Holder("\ud83d\ude00")), "{\"s\":\"\ud83d\ude00\"}"),
    ];

    public static TheoryData<string> TypedLoneSurrogateNames() => [.. TypedLoneSurrogates.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(TypedLoneSurrogateNames))]
    public void Typed_value_with_a_lone_surrogate_encodes_as_json_stringify(string name)
    {
        var (_, encode, expected) = TypedLoneSurrogates.Single(r => r.Name == name);
        var bytes = encode();
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
        Assert.DoesNotContain("\ufffd", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("[\"\\udc00\"]")]
    [InlineData("{\"\\ud800\":1}")]
    [InlineData("\"\\ud800\"")]
    public void Json_element_holding_a_lone_surrogate_is_the_typed_error(string json)
    {
        using var document = JsonDocument.Parse(json);
        Expect.Code(PassesErrorCodes.UnsupportedJsonValue, () => Codecs.Json.Encode(document.RootElement));
        Expect.Code(PassesErrorCodes.UnsupportedJsonValue, () => new JsonCodec<object>().Encode(document.RootElement));
        Expect.Code(PassesErrorCodes.UnsupportedJsonValue, () => new JsonCodec<Dictionary<string, JsonElement>>().Encode(new() { ["x"] = document.RootElement }));
    }

    /// <summary>(name, bytes, decoder, expected string): TextDecoder (ignoreBOM: false) drops one leading BOM only.</summary>
    public static TheoryData<string, string, string> ByteOrderMarks() => new()
    {
        { "String body, leading BOM dropped", "efbbbf61", "a" },
        { "String body, BOM alone is empty", "efbbbf", "" },
        { "String body, second BOM kept", "efbbbfefbbbf61", "\ufeffa" },
        { "String body, inner BOM kept", "61efbbbf62", "a\ufeffb" },
    };

    [Theory]
    [MemberData(nameof(ByteOrderMarks))]
    public void Leading_byte_order_mark_is_dropped_as_text_decoder_does(string name, string hex, string expected)
    {
        Assert.NotNull(name);
        Assert.Equal(expected, Codecs.String.Decode(Hex.Bytes(hex)));
    }

    [Fact]
    public void Leading_byte_order_mark_before_json_and_topic_is_dropped()
    {
        Assert.Equal("{\"a\":\"\ufeffx\"}", JsonStringify.Stringify(Codecs.Json.Decode("\ufeff{\"a\":\"\ufeffx\"}"u8)));
        Assert.Equal("ok", new JsonCodec<Holder>().Decode("\ufeff{\"s\":\"ok\"}"u8).S);
        Assert.Equal("t", RequestEnvelopeV0.Decode([0x00, 0x03, 0xEF, 0xBB, 0xBF, (byte)'t']).Topic);
        Assert.Equal("\ufeffa", Codecs.String.Decode(Codecs.String.Encode("\ufeff\ufeffa")));
    }

    [Fact]
    public void Default_provider_request_with_null_parts_is_the_typed_error()
    {
        var inner = new RequestEnvelopeV0("a", ReadOnlyMemory<byte>.Empty);
        Expect.Code(PassesErrorCodes.MissingValue, () => new DefaultProviderRequestCodec().Encode(new DefaultProviderRequest("p", null!)));
        Expect.Code(PassesErrorCodes.MissingValue, () => new DefaultProviderRequestCodec().Encode(new DefaultProviderRequest(null!, inner)));
        Expect.Code(PassesErrorCodes.MissingValue, () => PassesTopics.RequestWithDefaultProvider.EncodeRequest(new DefaultProviderRequest("p", null!)));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 257)]
    [InlineData(2, 0)]
    [InlineData(2, 65537)]
    public void Length_prefix_writer_refuses_a_field_its_prefix_cannot_express(int width, int length) =>
        Expect.Code(PassesErrorCodes.FieldLength, () => LengthPrefix.Write([], width, new byte[length]));

    [Theory]
    [InlineData(1, 256)]
    [InlineData(2, 65536)]
    public void Length_prefix_writer_accepts_the_largest_field(int width, int length)
    {
        var output = new List<byte>();
        LengthPrefix.Write(output, width, new byte[length]);
        Assert.Equal(width + length, output.Count);
        Assert.Equal(0xFF, output[0]);
    }

    [Fact]
    public void Signed_result_body_with_an_over_long_key_is_the_typed_error() =>
        Expect.Code(PassesErrorCodes.FieldLength, () => new SignedResultBody(new byte[65537], new byte[64], ReadOnlyMemory<byte>.Empty).Encode());

    /// <summary>(reader, JSON with a duplicate member): refused as encoding refuses it.</summary>
    public static TheoryData<string, string> DuplicateKeys() => new()
    {
        { "Json codec", "{\"a\":1,\"a\":2}" },
        { "Json codec", "{\"a\":{\"b\":1,\"b\":1}}" },
        { "Json codec", "[{\"a\":1},{\"a\":{\"x\":1,\"x\":2}}]" },
        { "Json codec", "{\"a\\u0062\":1,\"ab\":2}" },
        { "ProvideTopicsRequest", "{\"uri\":\"https://p.example\",\"topics\":[],\"uri\":\"https://q.example\"}" },
        { "ApprovalBody", "{\"topic\":\"t\",\"requestHash\":\"h\",\"nonce\":\"n\",\"origin\":\"o\",\"issuedAt\":1,\"payload\":{},\"nonce\":\"m\"}" },
        { "ApprovalBody", "{\"topic\":\"t\",\"requestHash\":\"h\",\"nonce\":\"n\",\"origin\":\"o\",\"issuedAt\":1,\"payload\":{\"k\":1,\"k\":2}}" },
    };

    [Theory]
    [MemberData(nameof(DuplicateKeys))]
    public void Json_decode_refuses_duplicate_keys(string reader, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Action read = reader switch
        {
            "Json codec" => () => Codecs.Json.Decode(bytes),
            "ProvideTopicsRequest" => () => new JsonCodec<ProvideTopicsRequest>().Decode(bytes),
            _ => () => ApprovalBody.Codec.Decode(bytes),
        };
        Expect.Code(PassesErrorCodes.InvalidJson, read);
    }

    [Fact]
    public void Same_key_in_sibling_objects_is_not_a_duplicate() =>
        Assert.Equal("{\"a\":{\"b\":1},\"c\":[{\"b\":2}],\"b\":3}", JsonStringify.Stringify(Codecs.Json.Decode("{\"a\":{\"b\":1},\"c\":[{\"b\":2}],\"b\":3}"u8)));
}
