using System.Text;
using System.Text.Json;
using Passes.Tests.Support;

namespace Passes.Tests.Envelopes;

/// <summary>
/// JSON that is not well-formed text (lone surrogates escaped or raw, invalid or overlong UTF-8, truncated sequences),
/// wrong types, deep nesting and huge numbers, through every Passes reader of JSON: only <see cref="PassesFormatException"/>
/// with its stable code. <see cref="JsonDocument"/> and <see cref="JsonElement"/> members accept an escaped lone surrogate
/// and throw <see cref="InvalidOperationException"/> only when it is read, so each reader must refuse it up front.
/// </summary>
public class MalformedJsonTests
{
    private static readonly (string Name, byte[] Bytes)[] IllFormedStrings =
    [
        ("escaped high surrogate", "\\ud800"u8.ToArray()),
        ("escaped low surrogate", "\\udc00"u8.ToArray()),
        ("escaped surrogates reversed", "\\udc00\\ud800"u8.ToArray()),
        ("raw surrogate (CESU-8)", [0xED, 0xA0, 0x80]),
        ("invalid byte 0xFF", [0xFF]),
        ("overlong NUL", [0xC0, 0x80]),
        ("truncated 3-byte sequence", [0xE2, 0x82]),
        ("lone continuation byte", [0x80]),
    ];

    /// <summary>(reader, JSON template with {0} where a string's content goes, expected code for an ill-formed string).</summary>
    private static readonly (string Name, Action<byte[]> Read, string Template, string Code)[] Readers =
    [
        ("Json codec", b => Codecs.Json.Decode(b), "{\"a\":[\"{0}\"]}", PassesErrorCodes.InvalidJson),
        ("Json codec, member name", b => Codecs.Json.Decode(b), "{\"{0}\":1}", PassesErrorCodes.InvalidJson),
        ("JsonCodec<ProvideTopicsRequest>", b => new JsonCodec<ProvideTopicsRequest>().Decode(b), "{\"uri\":\"https://p.example\",\"topics\":[\"{0}\"]}", PassesErrorCodes.InvalidJson),
        ("ApprovalBody payload", b => ApprovalBody.Codec.Decode(b),
            "{\"topic\":\"t\",\"requestHash\":\"h\",\"nonce\":\"n\",\"origin\":\"o\",\"issuedAt\":1,\"payload\":{\"action\":\"{0}\"}}", PassesErrorCodes.InvalidJson),
        ("ApprovalBody payload member name", b => ApprovalBody.Codec.Decode(b),
            "{\"topic\":\"t\",\"requestHash\":\"h\",\"nonce\":\"n\",\"origin\":\"o\",\"issuedAt\":1,\"payload\":{\"{0}\":1}}", PassesErrorCodes.InvalidJson),
        ("Ed25519Jwk.Parse", b => Ed25519Jwk.Parse(b), "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{0}\"}", PassesErrorCodes.InvalidJwk),
        ("Ed25519Jwk.Parse, member name", b => Ed25519Jwk.Parse(b), "{\"{0}\":1,\"kty\":\"OKP\"}", PassesErrorCodes.InvalidJwk),
    ];

    public static TheoryData<string, string> Rows()
    {
        var rows = new TheoryData<string, string>();
        foreach (var reader in Readers)
        {
            foreach (var s in IllFormedStrings)
            {
                rows.Add(reader.Name, s.Name);
            }
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Ill_formed_strings_are_refused_with_a_stable_code(string readerName, string stringName)
    {
        var (_, read, template, code) = Readers.Single(r => r.Name == readerName);
        var bad = IllFormedStrings.Single(s => s.Name == stringName).Bytes;
        var parts = template.Split("{0}");
        byte[] json = [.. Encoding.UTF8.GetBytes(parts[0]), .. bad, .. Encoding.UTF8.GetBytes(parts[1])];
        var ex = Assert.ThrowsAny<PassesFormatException>(() => read(json));
        // Raw invalid UTF-8 is caught by the strict decoder before JSON parsing; escapes by the JSON check.
        Assert.Contains(ex.Code, new[] { code, PassesErrorCodes.InvalidUtf8 });
    }

    [Theory]
    [InlineData("{\"uri\":\"https://p.example\",\"topics\":42}")]
    [InlineData("{\"uri\":\"https://p.example\",\"topics\":[1e999999]}")]
    [InlineData("{\"uri\":\"https://p.example\",\"topics\":[99999999999999999999999999999999999999]}")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    [InlineData("{\"uri\":\"https://p.example\",\"topics\":[\"a\"]")]
    [InlineData("null")]
    [InlineData("")]
    public void Wrong_types_deep_nesting_and_truncation_are_invalid_json(string json) =>
        Expect.Code(PassesErrorCodes.InvalidJson, () => new JsonCodec<ProvideTopicsRequest>().Decode(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Approval_body_with_huge_issued_at_is_invalid_json() =>
        Expect.Code(PassesErrorCodes.InvalidJson, () => ApprovalBody.Codec.Decode(
            "{\"topic\":\"t\",\"requestHash\":\"h\",\"nonce\":\"n\",\"origin\":\"o\",\"issuedAt\":1e400,\"payload\":{}}"u8));

    [Fact]
    public void Stringify_of_an_element_holding_a_lone_surrogate_is_refused()
    {
        using var document = JsonDocument.Parse("{\"a\":\"\\ud800\"}");
        Expect.Code(PassesErrorCodes.UnsupportedJsonValue, () => JsonStringify.Stringify(document.RootElement));
        Expect.Code(PassesErrorCodes.UnsupportedJsonValue, () => Codecs.Json.Encode(document.RootElement));
    }
}
