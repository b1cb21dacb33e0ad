namespace Passes;

/// <summary>
/// A request topic: its id plus the codecs of its request and result bodies, with helpers that go between
/// typed values and envelope bytes (<see cref="RequestEnvelopeV0"/>, <see cref="ResultEnvelopeV0"/>).
/// </summary>
/// <typeparam name="TRequest">The request body type.</typeparam>
/// <typeparam name="TResult">The result body type.</typeparam>
public sealed class RequestTopic<TRequest, TResult>
{
    /// <summary>Creates a topic.</summary>
    /// <param name="id">The topic id (1..256 UTF-8 bytes).</param>
    /// <param name="requestCodec">The request body codec.</param>
    /// <param name="resultCodec">The result body codec.</param>
    /// <exception cref="PassesFormatException">The id cannot be put on the wire.</exception>
    public RequestTopic(string id, ICodec<TRequest> requestCodec, ICodec<TResult> resultCodec)
    {
        TopicName.ToUtf8(id);
        ArgumentNullException.ThrowIfNull(requestCodec);
        ArgumentNullException.ThrowIfNull(resultCodec);
        Id = id;
        RequestCodec = requestCodec;
        ResultCodec = resultCodec;
    }

    /// <summary>The topic id.</summary>
    public string Id { get; }

    /// <summary>The request body codec.</summary>
    public ICodec<TRequest> RequestCodec { get; }

    /// <summary>The result body codec.</summary>
    public ICodec<TResult> ResultCodec { get; }

    /// <summary>Encodes a request envelope for this topic.</summary>
    /// <param name="body">The request body.</param>
    /// <returns>The request bytes.</returns>
    /// <exception cref="PassesFormatException">The body cannot be encoded.</exception>
    public byte[] EncodeRequest(TRequest body) => RequestEnvelopeV0.Encode(Id, RequestCodec.Encode(body));

    /// <summary>Decodes a request envelope and its body, requiring the envelope's topic to be this one.</summary>
    /// <param name="bytes">The request bytes.</param>
    /// <returns>The request body.</returns>
    /// <exception cref="PassesFormatException">Malformed envelope or body, or <see cref="PassesErrorCodes.TopicMismatch"/>.</exception>
    public TRequest DecodeRequest(ReadOnlySpan<byte> bytes)
    {
        var envelope = RequestEnvelopeV0.Decode(bytes);
        if (!string.Equals(envelope.Topic, Id, StringComparison.Ordinal))
        {
            throw new PassesFormatException(
                PassesErrorCodes.TopicMismatch,
                $"Expected topic {JsonStringify.Quote(Id)}, got {JsonStringify.Quote(envelope.Topic)}.");
        }

        return RequestCodec.Decode(envelope.Body.Span);
    }

    /// <summary>Encodes a typed result to result envelope bytes.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The result bytes.</returns>
    /// <exception cref="PassesFormatException">The body or message cannot be encoded.</exception>
    public byte[] EncodeResult(RequestResult<TResult> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return (result.Status switch
        {
            ResultStatus.Accepted => ResultEnvelopeV0.Accepted(ResultCodec.Encode(result.Body!)),
            ResultStatus.Rejected => ResultEnvelopeV0.Rejected(),
            ResultStatus.Unsupported => ResultEnvelopeV0.Unsupported(),
            _ => ResultEnvelopeV0.Exception(result.Message ?? string.Empty),
        }).Encode();
    }

    /// <summary>Decodes result envelope bytes and, when accepted, the body.</summary>
    /// <param name="bytes">The result bytes.</param>
    /// <returns>The typed result.</returns>
    /// <exception cref="PassesFormatException">Malformed envelope or body.</exception>
    public RequestResult<TResult> DecodeResult(ReadOnlySpan<byte> bytes)
    {
        var envelope = ResultEnvelopeV0.Decode(bytes);
        return envelope.Status switch
        {
            ResultStatus.Accepted => RequestResult<TResult>.Accepted(ResultCodec.Decode(envelope.Body.Span)),
            ResultStatus.Rejected => RequestResult<TResult>.Rejected(),
            ResultStatus.Unsupported => RequestResult<TResult>.Unsupported(),
            _ => RequestResult<TResult>.Exception(envelope.Message!),
        };
    }
}
