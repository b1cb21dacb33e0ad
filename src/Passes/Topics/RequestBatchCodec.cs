using Passes.Internal;

namespace Passes;

/// <summary>
/// The request body of <c>org.passes.request-batch</c>: repeated <c>[u32be raw length][request envelope]</c>.
/// Every entry must be a valid request envelope, and none may be a batch or a default-provider request.
/// </summary>
public sealed class RequestBatchCodec : ICodec<IReadOnlyList<RequestEnvelopeV0>>
{
    /// <inheritdoc />
    public byte[] Encode(IReadOnlyList<RequestEnvelopeV0> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var request in value)
        {
            CheckNotWrapper(request.Topic);
        }

        return BatchFraming.Encode([.. value.Select(r => r.Encode())]);
    }

    /// <inheritdoc />
    public IReadOnlyList<RequestEnvelopeV0> Decode(ReadOnlySpan<byte> bytes)
    {
        var entries = BatchFraming.Decode(bytes, "Request batch");
        var requests = new List<RequestEnvelopeV0>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var request = BatchFraming.Entry("Request batch", i, () => RequestEnvelopeV0.Decode(entries[i]));
            CheckNotWrapper(request.Topic);
            requests.Add(request);
        }

        return requests;
    }

    private static void CheckNotWrapper(string topic)
    {
        if (topic is PassesTopics.RequestBatchId or PassesTopics.RequestWithDefaultProviderId)
        {
            throw new PassesFormatException(
                PassesErrorCodes.NestedWrapper,
                $"A request batch cannot contain {topic}: merge batches, and wrap the batch in a default-provider request instead.");
        }
    }
}
