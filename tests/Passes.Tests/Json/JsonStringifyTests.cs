using System.Text.Json;

namespace Passes.Tests.Json;

/// <summary>JSON.stringify compatibility (expected strings checked against node's JSON.stringify).</summary>
public class JsonStringifyTests
{
    [Theory]
    [InlineData("q\"b\\", "\"q\\\"b\\\\\"")]
    [InlineData("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"")]
    [InlineData("\u0000\u0001\u001f", "\"\\u0000\\u0001\\u001f\"")]
    [InlineData("\u007f\u2028\u2029<>&'/", "\"\u007f\u2028\u2029<>&'/\"")]
    [InlineData("é😀", "\"é😀\"")]
    [InlineData("\udbff\udfff", "\"\udbff\udfff\"")]
    public void Strings_are_escaped_like_JSON_stringify(string value, string expected) =>
        Assert.Equal(expected, JsonStringify.Quote(value));

    [Fact]
    public void Lone_surrogates_are_escaped_in_lowercase_hex()
    {
        // Built in code: xunit's InlineData serialization would replace lone surrogates with U+FFFD.
        Assert.Equal("\"\\ud800\"", JsonStringify.Quote(new string('\ud800', 1)));
        Assert.Equal("\"a\\udc00b\"", JsonStringify.Quote("a" + new string('\udc00', 1) + "b"));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012345678901.0, "123456789012345680000")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(-1.5e-10, "-1.5e-10")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(double.NaN, "null")]
    [InlineData(double.PositiveInfinity, "null")]
    public void Numbers_are_formatted_like_JavaScript(double value, string expected) =>
        Assert.Equal(expected, JsonStringify.FormatNumber(value));

    [Fact]
    public void Negative_zero_is_written_as_0() => Assert.Equal("0", JsonStringify.FormatNumber(-0.0));

    [Fact]
    public void Serialized_records_keep_declaration_order_and_omit_null_principal()
    {
        var bytes = Passes.Codecs.JsonOf<ProvidePassRequest>().Encode(new ProvidePassRequest("https://é.example/\"x\""));
        Assert.Equal("{\"uri\":\"https://é.example/\\\"x\\\"\"}", System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Integers_beyond_2_pow_53_are_written_as_JavaScript_would_see_them()
    {
        using var doc = JsonDocument.Parse("[12345678901234567890, 9007199254740993]");
        Assert.Equal("[12345678901234567000,9007199254740992]", JsonStringify.Stringify(doc.RootElement));
    }

    [Fact]
    public void Duplicate_keys_are_refused_because_a_JavaScript_object_cannot_hold_them()
    {
        using var doc = JsonDocument.Parse("{\"a\":1,\"a\":2}");
        var ex = Assert.Throws<PassesFormatException>(() => JsonStringify.Stringify(doc.RootElement));
        Assert.Equal(PassesErrorCodes.UnsupportedJsonValue, ex.Code);
    }

    [Fact]
    public void Undefined_element_is_refused() =>
        Assert.Equal(PassesErrorCodes.UnsupportedJsonValue, Assert.Throws<PassesFormatException>(() => Passes.Codecs.Json.Encode(default)).Code);
}
