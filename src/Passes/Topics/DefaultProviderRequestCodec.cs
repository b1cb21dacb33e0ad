using Passes.Internal;

namespace Passes;

/// <summary>
/// The request body of <c>org.passes.request-with-default-provider</c>:
/// <c>[u8 length − 1][provider URI UTF-8][inner request envelope]</c>.
/// The URI is 1..256 UTF-8 bytes; the inner request must be valid and may not itself be a default-provider request.
/// </summary>
public sealed class DefaultProviderRequestCodec : ICodec<DefaultProviderRequest>
{
    /// <inheritdoc />
    public byte[] Encode(DefaultProviderRequest value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var uri = StrictUtf8.Encode(value.DefaultProvider, "Default provider URI");
        if (uri.Length is 0 or > 256)
        {
            throw new PassesFormatException(
                PassesErrorCodes.FieldLength,
                $"The default provider URI must be 1..256 UTF-8 bytes; it has {uri.Length}.");
        }

        CheckNotNested(value.Request.Topic);
        var output = new List<byte>(1 + uri.Length + 2 + value.Request.Topic.Length + value.Request.Body.Length);
        LengthPrefix.Write(output, 1, uri);
        output.AddRange(value.Request.Encode());
        return [.. output];
    }

    /// <inheritdoc />
    public DefaultProviderRequest Decode(ReadOnlySpan<byte> bytes)
    {
        var uri = StrictUtf8.Decode(LengthPrefix.Read(bytes, 1, "Default provider URI", out var rest), "Default provider URI");
        var inner = RequestEnvelopeV0.Decode(rest);
        CheckNotNested(inner.Topic);
        return new DefaultProviderRequest(uri, inner);
    }

    private static void CheckNotNested(string topic)
    {
        if (topic == PassesTopics.RequestWithDefaultProviderId)
        {
            throw new PassesFormatException(
                PassesErrorCodes.NestedWrapper,
                "A request with default provider cannot contain another request with default provider.");
        }
    }
}
