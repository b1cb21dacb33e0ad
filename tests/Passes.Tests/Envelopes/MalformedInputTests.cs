using System.Numerics;
using System.Text;
using Passes.Tests.Support;

namespace Passes.Tests.Envelopes;

/// <summary>One test per malformed-input rule; each asserts the stable code.</summary>
public class MalformedInputTests
{
    [Fact]
    public void Empty_request_is_truncated() =>
        Expect.Code(PassesErrorCodes.Truncated, () => RequestEnvelopeV0.Decode([]));

    [Fact]
    public void Request_without_topic_length_is_truncated() =>
        Expect.Code(PassesErrorCodes.Truncated, () => RequestEnvelopeV0.Decode([0x00]));

    [Fact]
    public void Request_with_truncated_topic_is_truncated() =>
        Expect.Code(PassesErrorCodes.Truncated, () => RequestEnvelopeV0.Decode(Hex.Bytes("00ff" + "61")));

    [Fact]
    public void Request_with_unknown_version_is_refused()
    {
        var ex = Expect.Code(PassesErrorCodes.UnknownVersion, () => RequestEnvelopeV0.Decode(Hex.Bytes("01000061")));
        Assert.Contains("0x01", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_with_non_utf8_topic_is_refused() =>
        Expect.Code(PassesErrorCodes.InvalidUtf8, () => RequestEnvelopeV0.Decode(Hex.Bytes("0001c328")));

    [Fact]
    public void Request_with_overlong_utf8_topic_is_refused() =>
        Expect.Code(PassesErrorCodes.InvalidUtf8, () => RequestEnvelopeV0.Decode(Hex.Bytes("0001c0af")));

    [Fact]
    public void Encoding_empty_topic_is_refused() =>
        Expect.Code(PassesErrorCodes.TopicEmpty, () => new RequestEnvelopeV0("", ReadOnlyMemory<byte>.Empty).Encode());

    [Fact]
    public void Encoding_topic_over_256_utf8_bytes_is_refused_even_if_under_256_chars() =>
        Expect.Code(PassesErrorCodes.TopicTooLong, () => RequestEnvelopeV0.Encode(new string('é', 129), []));

    [Fact]
    public void Encoding_topic_with_lone_surrogate_is_refused() =>
        Expect.Code(PassesErrorCodes.InvalidUtf16, () => RequestEnvelopeV0.Encode("a\ud800", []));

    [Fact]
    public void Topic_mismatch_is_reported_by_request_topic() =>
        Expect.Code(PassesErrorCodes.TopicMismatch, () => PassesTopics.ProvidePass.DecodeRequest(RequestEnvelopeV0.Encode("com.example.other", "{}"u8)));

    [Fact]
    public void Empty_result_is_refused() =>
        Expect.Code(PassesErrorCodes.EmptyResult, () => ResultEnvelopeV0.Decode([]));

    [Theory]
    [InlineData("04")]
    [InlineData("7f00")]
    [InlineData("ff")]
    public void Unknown_status_byte_is_refused(string hex) =>
        Expect.Code(PassesErrorCodes.UnknownStatus, () => ResultEnvelopeV0.Decode(Hex.Bytes(hex)));

    [Theory]
    [InlineData("0100")]
    [InlineData("02ff")]
    [InlineData("01010101")]
    public void Bytes_after_rejected_or_unsupported_are_refused(string hex) =>
        Expect.Code(PassesErrorCodes.TrailingBytes, () => ResultEnvelopeV0.Decode(Hex.Bytes(hex)));

    [Fact]
    public void Exception_message_that_is_not_utf8_is_refused() =>
        Expect.Code(PassesErrorCodes.InvalidUtf8, () => ResultEnvelopeV0.Decode(Hex.Bytes("03ff")));

    [Fact]
    public void Void_body_with_bytes_is_refused() =>
        Expect.Code(PassesErrorCodes.TrailingBytes, () => Codecs.Void.Decode([0x00]));

    [Theory]
    [InlineData("")]
    [InlineData("02")]
    [InlineData("0100")]
    public void Boolean_must_be_exactly_00_or_01(string hex) =>
        Expect.Code(PassesErrorCodes.InvalidBoolean, () => Codecs.Boolean.Decode(Hex.Bytes(hex)));

    [Theory]
    [InlineData("")]
    [InlineData("0000c0")]
    [InlineData("0000c03f00")]
    public void Number_must_be_exactly_four_bytes(string hex) =>
        Expect.Code(PassesErrorCodes.InvalidNumber, () => Codecs.Number.Decode(Hex.Bytes(hex)));

    [Theory]
    [InlineData("")]
    [InlineData("FF")]
    [InlineData("-ff")]
    [InlineData("0xff")]
    [InlineData("00ff")]
    [InlineData("f f")]
    public void BigInt_must_be_canonical_lowercase_hex(string text) =>
        Expect.Code(PassesErrorCodes.InvalidBigInt, () => Codecs.BigInt.Decode(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Negative_bigint_is_refused_with_a_clear_message()
    {
        var ex = Expect.Code(PassesErrorCodes.NegativeBigInt, () => Codecs.BigInt.Encode(BigInteger.MinusOne));
        Assert.Contains("negative", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void String_body_that_is_not_utf8_is_refused_not_replaced() =>
        Expect.Code(PassesErrorCodes.InvalidUtf8, () => Codecs.String.Decode([0x61, 0xc3]));

    [Fact]
    public void String_with_lone_surrogate_cannot_be_encoded() =>
        Expect.Code(PassesErrorCodes.InvalidUtf16, () => Codecs.String.Encode("\udc00"));

    [Theory]
    [InlineData("{\"a\":")]
    [InlineData("")]
    [InlineData("{'a':1}")]
    [InlineData("[1,]")]
    public void Invalid_json_is_refused(string text) =>
        Expect.Code(PassesErrorCodes.InvalidJson, () => Codecs.Json.Decode(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Json_missing_required_member_is_refused() =>
        Expect.Code(PassesErrorCodes.InvalidJson, () => new JsonCodec<ProvideTopicsRequest>().Decode("{\"uri\":\"x\"}"u8));

    [Fact]
    public void Json_null_for_a_record_is_refused() =>
        Expect.Code(PassesErrorCodes.InvalidJson, () => new JsonCodec<ProvidePassRequest>().Decode("null"u8));

    [Fact]
    public void Json_with_null_in_non_nullable_member_is_refused() =>
        Expect.Code(PassesErrorCodes.InvalidJson, () => new JsonCodec<ProvidePassRequest>().Decode("{\"uri\":null}"u8));

    [Fact]
    public void Batch_entry_length_past_the_end_is_truncated() =>
        Expect.Code(PassesErrorCodes.Truncated, () => new RequestBatchCodec().Decode(Hex.Bytes("0000000900")));

    [Fact]
    public void Batch_length_field_cut_short_is_truncated() =>
        Expect.Code(PassesErrorCodes.Truncated, () => new ResultBatchCodec().Decode(Hex.Bytes("000000")));

    [Fact]
    public void Batch_entry_that_is_not_a_request_envelope_carries_the_inner_code()
    {
        var ex = Expect.Code(PassesErrorCodes.UnknownVersion, () => new RequestBatchCodec().Decode(Hex.Bytes("00000003" + "050061")));
        Assert.Contains("entry 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_entry_that_is_an_empty_request_is_truncated() =>
        Expect.Code(PassesErrorCodes.Truncated, () => new RequestBatchCodec().Decode(Hex.Bytes("00000000")));

    [Fact]
    public void Result_batch_entry_that_is_empty_is_refused() =>
        Expect.Code(PassesErrorCodes.EmptyResult, () => new ResultBatchCodec().Decode(Hex.Bytes("00000000")));

    [Fact]
    public void Batch_may_not_contain_a_batch()
    {
        var nested = new RequestEnvelopeV0(PassesTopics.RequestBatchId, ReadOnlyMemory<byte>.Empty);
        Expect.Code(PassesErrorCodes.NestedWrapper, () => PassesTopics.RequestBatch.EncodeRequest([nested]));
        var entry = nested.Encode();
        byte[] body = [0, 0, 0, (byte)entry.Length, .. entry];
        var raw = RequestEnvelopeV0.Encode(PassesTopics.RequestBatchId, body);
        Expect.Code(PassesErrorCodes.NestedWrapper, () => PassesTopics.RequestBatch.DecodeRequest(raw));
    }

    [Fact]
    public void Batch_may_not_contain_a_default_provider_request()
    {
        var inner = PassesTopics.RequestWithDefaultProvider.EncodeRequest(new DefaultProviderRequest("p", new RequestEnvelopeV0("a", ReadOnlyMemory<byte>.Empty)));
        Expect.Code(PassesErrorCodes.NestedWrapper, () => PassesTopics.RequestBatch.EncodeRequest([RequestEnvelopeV0.Decode(inner)]));
    }

    [Fact]
    public void Default_provider_request_may_not_nest()
    {
        var innermost = new RequestEnvelopeV0("a", ReadOnlyMemory<byte>.Empty);
        var once = RequestEnvelopeV0.Decode(PassesTopics.RequestWithDefaultProvider.EncodeRequest(new DefaultProviderRequest("p", innermost)));
        Expect.Code(PassesErrorCodes.NestedWrapper, () => PassesTopics.RequestWithDefaultProvider.EncodeRequest(new DefaultProviderRequest("p", once)));
        Expect.Code(PassesErrorCodes.NestedWrapper, () => new DefaultProviderRequestCodec().Decode([0x00, 0x70, .. once.Encode()]));
    }

    [Fact]
    public void Default_provider_uri_must_be_1_to_256_bytes()
    {
        var inner = new RequestEnvelopeV0("a", ReadOnlyMemory<byte>.Empty);
        Expect.Code(PassesErrorCodes.FieldLength, () => new DefaultProviderRequestCodec().Encode(new DefaultProviderRequest("", inner)));
        Expect.Code(PassesErrorCodes.FieldLength, () => new DefaultProviderRequestCodec().Encode(new DefaultProviderRequest(new string('u', 257), inner)));
    }

    [Fact]
    public void Default_provider_uri_shorter_than_declared_is_truncated() =>
        Expect.Code(PassesErrorCodes.Truncated, () => new DefaultProviderRequestCodec().Decode(Hex.Bytes("0570")));

    [Fact]
    public void Default_provider_without_inner_request_is_truncated() =>
        Expect.Code(PassesErrorCodes.Truncated, () => new DefaultProviderRequestCodec().Decode(Hex.Bytes("0070")));

    [Fact]
    public void Every_error_code_is_unique_and_namespaced()
    {
        Assert.Equal(PassesErrorCodes.All.Count, PassesErrorCodes.All.Distinct(StringComparer.Ordinal).Count());
        Assert.All(PassesErrorCodes.All, code => Assert.Matches("^passes\\.[a-z0-9_]+$", code));
    }
}
