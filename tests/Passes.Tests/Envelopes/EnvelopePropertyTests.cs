using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Passes.Tests.CodecTests;

namespace Passes.Tests.Envelopes;

/// <summary>Round-trip properties for request and result envelopes and the built-in wrapper codecs.</summary>
public class EnvelopePropertyTests
{
    [Property(MaxTest = 500)]
    public bool Requests_round_trip_or_the_topic_is_refused_with_the_right_code(NonEmptyString topic, byte[] body)
    {
        var t = topic.Get;
        if (!CodecPropertyTests.IsWellFormed(t))
        {
            return CodecPropertyTests.Throws(PassesErrorCodes.InvalidUtf16, () => RequestEnvelopeV0.Encode(t, body));
        }

        if (Encoding.UTF8.GetByteCount(t) > 256)
        {
            return CodecPropertyTests.Throws(PassesErrorCodes.TopicTooLong, () => RequestEnvelopeV0.Encode(t, body));
        }

        var bytes = RequestEnvelopeV0.Encode(t, body);
        var decoded = RequestEnvelopeV0.Decode(bytes);
        return decoded.Topic == t
            && decoded.Body.Span.SequenceEqual(body)
            && decoded.Encode().AsSpan().SequenceEqual(bytes)
            && bytes[1] == Encoding.UTF8.GetByteCount(t) - 1;
    }

    [Property(MaxTest = 500)]
    public bool Any_valid_request_bytes_re_encode_identically(byte topicLength, byte[] rest)
    {
        byte[] bytes = [0x00, topicLength, .. rest];
        RequestEnvelopeV0 decoded;
        try
        {
            decoded = RequestEnvelopeV0.Decode(bytes);
        }
        catch (PassesFormatException)
        {
            return true;
        }

        return decoded.Encode().AsSpan().SequenceEqual(bytes);
    }

    [Property]
    public bool Accepted_results_round_trip(byte[] body)
    {
        var bytes = ResultEnvelopeV0.Accepted(body).Encode();
        var decoded = ResultEnvelopeV0.Decode(bytes);
        return bytes[0] == 0 && decoded.Status == ResultStatus.Accepted && decoded.Body.Span.SequenceEqual(body);
    }

    [Property]
    public bool Exception_results_round_trip(NonNull<string> message)
    {
        if (!CodecPropertyTests.IsWellFormed(message.Get))
        {
            return CodecPropertyTests.Throws(PassesErrorCodes.InvalidUtf16, () => ResultEnvelopeV0.Exception(message.Get).Encode());
        }

        var decoded = ResultEnvelopeV0.Decode(ResultEnvelopeV0.Exception(message.Get).Encode());
        return decoded.Status == ResultStatus.Exception && decoded.Message == message.Get;
    }

    [Property]
    public bool Any_valid_result_bytes_re_encode_identically(byte[] bytes)
    {
        try
        {
            return ResultEnvelopeV0.Decode(bytes).Encode().AsSpan().SequenceEqual(bytes);
        }
        catch (PassesFormatException)
        {
            return true;
        }
    }

    [Property]
    public bool Request_batches_round_trip(byte[][] bodies)
    {
        var requests = bodies.Select((b, i) => new RequestEnvelopeV0($"com.example.t{i}", b)).ToList();
        var bytes = PassesTopics.RequestBatch.EncodeRequest(requests);
        var back = PassesTopics.RequestBatch.DecodeRequest(bytes);
        return back.SequenceEqual(requests) && PassesTopics.RequestBatch.EncodeRequest(back).AsSpan().SequenceEqual(bytes);
    }

    [Property]
    public bool Result_batches_round_trip(byte[][] bodies, bool reject)
    {
        var results = bodies.Select((b, i) => reject && i % 2 == 1 ? ResultEnvelopeV0.Rejected() : ResultEnvelopeV0.Accepted(b)).ToList();
        var bytes = PassesTopics.RequestBatch.EncodeResult(RequestResult<IReadOnlyList<ResultEnvelopeV0>>.Accepted(results));
        var back = PassesTopics.RequestBatch.DecodeResult(bytes);
        return back.IsAccepted && back.Body!.SequenceEqual(results);
    }

    [Property]
    public bool Default_provider_requests_round_trip(NonEmptyString provider, byte[] body)
    {
        var uri = provider.Get;
        if (!CodecPropertyTests.IsWellFormed(uri) || Encoding.UTF8.GetByteCount(uri) > 256)
        {
            return true;
        }

        var value = new DefaultProviderRequest(uri, new RequestEnvelopeV0("com.example.inner", body));
        var bytes = PassesTopics.RequestWithDefaultProvider.EncodeRequest(value);
        var back = PassesTopics.RequestWithDefaultProvider.DecodeRequest(bytes);
        return back == value;
    }

    [Property]
    public bool Typed_topic_results_round_trip(NonNull<string> body, byte status)
    {
        if (!CodecPropertyTests.IsWellFormed(body.Get))
        {
            return true;
        }

        var topic = new RequestTopic<Empty, string>("com.example.get-email", Passes.Codecs.Void, Passes.Codecs.String);
        var result = (status % 4) switch
        {
            0 => RequestResult<string>.Accepted(body.Get),
            1 => RequestResult<string>.Rejected(),
            2 => RequestResult<string>.Unsupported(),
            _ => RequestResult<string>.Exception(body.Get),
        };
        return topic.DecodeResult(topic.EncodeResult(result)) == result;
    }
}
