namespace Passes;

/// <summary>A codec whose body is a whole result envelope (the result of <c>org.passes.request-with-default-provider</c>).</summary>
public sealed class ResultEnvelopeCodec : ICodec<ResultEnvelopeV0>
{
    /// <inheritdoc />
    public byte[] Encode(ResultEnvelopeV0 value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Encode();
    }

    /// <inheritdoc />
    public ResultEnvelopeV0 Decode(ReadOnlySpan<byte> bytes) => ResultEnvelopeV0.Decode(bytes);
}
