using System.Numerics;
using System.Text;
using System.Text.Json;
using Passes.Tests.Support;

namespace Passes.Tests.Envelopes;

/// <summary>Known-answer tests: one per example or table row in passes-wire-format.md.</summary>
public class WireFormatExampleTests
{
    [Fact]
    public void Request_example_com_example_test_with_empty_body()
    {
        var bytes = RequestEnvelopeV0.Encode("com.example.test", []);
        Assert.Equal("000f636f6d2e6578616d706c652e74657374", Hex.Of(bytes));

        var decoded = RequestEnvelopeV0.Decode(bytes);
        Assert.Equal("com.example.test", decoded.Topic);
        Assert.True(decoded.Body.IsEmpty);
    }

    [Fact]
    public void Request_body_runs_to_the_end()
    {
        var bytes = RequestEnvelopeV0.Encode("a", [0xde, 0xad]);
        Assert.Equal("000061dead", Hex.Of(bytes));
        Assert.Equal("dead", Hex.Of(RequestEnvelopeV0.Decode(bytes).Body.Span));
    }

    [Fact]
    public void One_byte_length_prefix_stores_length_minus_one_up_to_256()
    {
        var topic = new string('x', 256);
        var bytes = RequestEnvelopeV0.Encode(topic, []);
        Assert.Equal(0x00, bytes[0]);
        Assert.Equal(0xff, bytes[1]);
        Assert.Equal(258, bytes.Length);
        Assert.Equal(topic, RequestEnvelopeV0.Decode(bytes).Topic);
    }

    [Fact]
    public void Result_accepted_is_00_then_body()
    {
        Assert.Equal("0068690a", Hex.Of(ResultEnvelopeV0.Accepted("hi\n"u8.ToArray()).Encode()));
        Assert.Equal("00", Hex.Of(ResultEnvelopeV0.Accepted(ReadOnlyMemory<byte>.Empty).Encode()));
        var decoded = ResultEnvelopeV0.Decode(Hex.Bytes("0068690a"));
        Assert.Equal(ResultStatus.Accepted, decoded.Status);
        Assert.Equal("68690a", Hex.Of(decoded.Body.Span));
    }

    [Fact]
    public void Result_rejected_is_01()
    {
        Assert.Equal("01", Hex.Of(ResultEnvelopeV0.Rejected().Encode()));
        Assert.Equal(ResultStatus.Rejected, ResultEnvelopeV0.Decode([0x01]).Status);
    }

    [Fact]
    public void Result_unsupported_is_02()
    {
        Assert.Equal("02", Hex.Of(ResultEnvelopeV0.Unsupported().Encode()));
        Assert.Equal(ResultStatus.Unsupported, ResultEnvelopeV0.Decode([0x02]).Status);
    }

    [Fact]
    public void Result_exception_is_03_then_utf8_message_possibly_empty()
    {
        Assert.Equal("03c3a9", Hex.Of(ResultEnvelopeV0.Exception("é").Encode()));
        Assert.Equal("03", Hex.Of(ResultEnvelopeV0.Exception("").Encode()));
        Assert.Equal("é", ResultEnvelopeV0.Decode(Hex.Bytes("03c3a9")).Message);
        Assert.Equal("", ResultEnvelopeV0.Decode([0x03]).Message);
    }

    [Fact]
    public void Codec_void_is_empty() => Assert.Empty(Codecs.Void.Encode(Empty.Value));

    [Fact]
    public void Codec_bytes_are_as_they_are() => Assert.Equal("00ff7f", Hex.Of(Codecs.Bytes.Encode([0x00, 0xff, 0x7f])));

    [Fact]
    public void Codec_string_is_utf8() => Assert.Equal("68c3a9f09f8c8d", Hex.Of(Codecs.String.Encode("hé🌍")));

    [Fact]
    public void Codec_boolean_is_01_or_00()
    {
        Assert.Equal("01", Hex.Of(Codecs.Boolean.Encode(true)));
        Assert.Equal("00", Hex.Of(Codecs.Boolean.Encode(false)));
    }

    [Fact]
    public void Codec_number_1_5_is_0000c03f()
    {
        Assert.Equal("0000c03f", Hex.Of(Codecs.Number.Encode(1.5f)));
        Assert.Equal(1.5f, Codecs.Number.Decode(Hex.Bytes("0000c03f")));
    }

    [Fact]
    public void Codec_number_is_lossy_for_0_1()
    {
        var bytes = Codecs.Number.Encode((float)0.1);
        Assert.Equal("cdcccc3d", Hex.Of(bytes));
        Assert.NotEqual(0.1, (double)Codecs.Number.Decode(bytes));
    }

    [Fact]
    public void Codec_bigint_255_is_ff_ascii_6666()
    {
        Assert.Equal("6666", Hex.Of(Codecs.BigInt.Encode(new BigInteger(255))));
        Assert.Equal(new BigInteger(255), Codecs.BigInt.Decode(Hex.Bytes("6666")));
    }

    [Fact]
    public void Codec_json_keeps_e_acute_as_two_utf8_bytes()
    {
        using var doc = JsonDocument.Parse("\"\\u00e9\"");
        Assert.Equal("22c3a922", Hex.Of(Codecs.Json.Encode(doc.RootElement)));
    }

    [Fact]
    public void Codec_json_is_compact_with_key_order_as_given()
    {
        using var doc = JsonDocument.Parse("{ \"z\" : 1, \"a\" : [ 1 , 2 ] }");
        Assert.Equal("{\"z\":1,\"a\":[1,2]}", Encoding.UTF8.GetString(Codecs.Json.Encode(doc.RootElement)));
    }

    [Fact]
    public void Signed_result_layout_is_key_signature_body_with_length_minus_one_u16()
    {
        var signed = new SignedResultBody(new byte[] { 0x7b, 0x7d }, new byte[] { 0xaa }, new byte[] { 0x01, 0x02 }).Encode();
        Assert.Equal("00017b7d0000aa0102", Hex.Of(signed));
    }

    [Fact]
    public void Built_in_topic_provide_topics_request_is_json()
    {
        var bytes = PassesTopics.ProvideTopics.EncodeRequest(new ProvideTopicsRequest("", ["example.topic-1"]));
        var expected = RequestEnvelopeV0.Encode("org.passes.provide-topics", "{\"uri\":\"\",\"topics\":[\"example.topic-1\"]}"u8);
        Assert.Equal(Hex.Of(expected), Hex.Of(bytes));
        Assert.Equal("00", Hex.Of(PassesTopics.ProvideTopics.EncodeResult(RequestResult<Empty>.Accepted(Empty.Value))));
    }

    [Fact]
    public void Built_in_topic_provide_pass_omits_absent_principal()
    {
        Assert.Equal(
            Hex.Of(RequestEnvelopeV0.Encode("org.passes.provide-pass", "{\"uri\":\"https://p.example\"}"u8)),
            Hex.Of(PassesTopics.ProvidePass.EncodeRequest(new ProvidePassRequest("https://p.example"))));
        Assert.Equal(
            Hex.Of(RequestEnvelopeV0.Encode("org.passes.provide-pass", "{\"uri\":\"https://p.example\",\"principal\":\"u1\"}"u8)),
            Hex.Of(PassesTopics.ProvidePass.EncodeRequest(new ProvidePassRequest("https://p.example", "u1"))));
    }

    [Fact]
    public void Built_in_topic_request_batch_uses_raw_u32be_lengths()
    {
        var inner = new RequestEnvelopeV0("a", new byte[] { 0x09 });
        var bytes = PassesTopics.RequestBatch.EncodeRequest([inner, inner]);
        var body = RequestEnvelopeV0.Decode(bytes).Body;
        Assert.Equal("00000004" + "00006109" + "00000004" + "00006109", Hex.Of(body.Span));

        var result = PassesTopics.RequestBatch.EncodeResult(
            RequestResult<IReadOnlyList<ResultEnvelopeV0>>.Accepted([ResultEnvelopeV0.Accepted(new byte[] { 0x07 }), ResultEnvelopeV0.Rejected()]));
        Assert.Equal("00" + "00000002" + "0007" + "00000001" + "01", Hex.Of(result));
    }

    [Fact]
    public void Built_in_topic_request_with_default_provider_prefixes_uri_and_returns_inner_result()
    {
        var inner = new RequestEnvelopeV0("a", ReadOnlyMemory<byte>.Empty);
        var bytes = PassesTopics.RequestWithDefaultProvider.EncodeRequest(new DefaultProviderRequest("p", inner));
        Assert.Equal(Hex.Of(RequestEnvelopeV0.Encode("org.passes.request-with-default-provider", Hex.Bytes("0070" + "000061"))), Hex.Of(bytes));

        var result = PassesTopics.RequestWithDefaultProvider.EncodeResult(RequestResult<ResultEnvelopeV0>.Accepted(ResultEnvelopeV0.Exception("x")));
        Assert.Equal("000378", Hex.Of(result));
    }

    [Fact]
    public void Quirk_topic_shorter_than_declared_000561_is_rejected() =>
        Expect.Code(PassesErrorCodes.Truncated, () => RequestEnvelopeV0.Decode(Hex.Bytes("000561")));

    [Fact]
    public void Quirk_empty_topic_is_rejected_instead_of_00ff() =>
        Expect.Code(PassesErrorCodes.TopicEmpty, () => RequestEnvelopeV0.Encode("", []));

    [Fact]
    public void Quirk_257_byte_topic_is_rejected_instead_of_wrapping() =>
        Expect.Code(PassesErrorCodes.TopicTooLong, () => RequestEnvelopeV0.Encode(new string('x', 257), []));

    [Fact]
    public void Quirk_negative_bigint_is_refused() =>
        Expect.Code(PassesErrorCodes.NegativeBigInt, () => Codecs.BigInt.Encode(new BigInteger(-255)));
}
