using Passes.Internal;

namespace Passes;

/// <summary>
/// The accepted result body of <c>org.passes.request-batch</c>: repeated <c>[u32be raw length][result envelope]</c>,
/// one per request in the batch. Every entry must be a valid result envelope.
/// </summary>
public sealed class ResultBatchCodec : ICodec<IReadOnlyList<ResultEnvelopeV0>>
{
    /// <inheritdoc />
    public byte[] Encode(IReadOnlyList<ResultEnvelopeV0> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return BatchFraming.Encode([.. value.Select(r => r.Encode())]);
    }

    /// <inheritdoc />
    public IReadOnlyList<ResultEnvelopeV0> Decode(ReadOnlySpan<byte> bytes)
    {
        var entries = BatchFraming.Decode(bytes, "Result batch");
        var results = new List<ResultEnvelopeV0>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            results.Add(BatchFraming.Entry("Result batch", i, () => ResultEnvelopeV0.Decode(entries[i])));
        }

        return results;
    }
}
