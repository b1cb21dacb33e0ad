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
        if (value.DefaultProvider is null || value.Request is null)
        {
            // A record built with null! (or deserialized) would otherwise fail with NullReferenceException.
            throw new PassesFormatException(
                PassesErrorCodes.MissingValue,
                value.Request is null ? "The default-provider request has no inner request." : "The default-provider request has no provider URI.");
        }

        var uri = StrictUtf8.Encode(value.DefaultProvider, "Default provider URI");
        var output = new List<byte>(1 + uri.Length + 2 + value.Request.Topic.Length + value.Request.Body.Length);
        LengthPrefix.Write(output, 1, uri, "The default provider URI");
        CheckNotNested(value.Request.Topic);
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
