using Passes.Internal;

namespace Passes;

/// <summary>
/// A version-0 request envelope: <c>[0x00][topic length − 1][topic UTF-8][body to the end]</c>.
/// </summary>
/// <param name="Topic">The request topic (1..256 UTF-8 bytes).</param>
/// <param name="Body">The request body as produced by the topic's request codec; may be empty.</param>
public sealed record RequestEnvelopeV0(string Topic, ReadOnlyMemory<byte> Body)
{
    /// <summary>The version byte of this envelope format.</summary>
    public const byte Version = 0x00;

    /// <summary>Encodes this envelope to its wire bytes.</summary>
    /// <returns>The request bytes.</returns>
    /// <exception cref="PassesFormatException">The topic is empty, too long or not encodable.</exception>
    public byte[] Encode() => Encode(Topic, Body.Span);

    /// <summary>Encodes a request envelope from a topic and a body.</summary>
    /// <param name="topic">The request topic.</param>
    /// <param name="body">The encoded request body.</param>
    /// <returns>The request bytes.</returns>
    /// <exception cref="PassesFormatException">The topic is empty, too long or not encodable.</exception>
    public static byte[] Encode(string topic, ReadOnlySpan<byte> body)
    {
        var topicBytes = TopicName.ToUtf8(topic);
        var output = new byte[2 + topicBytes.Length + body.Length];
        output[0] = Version;
        output[1] = (byte)(topicBytes.Length - 1);
        topicBytes.CopyTo(output, 2);
        body.CopyTo(output.AsSpan(2 + topicBytes.Length));
        return output;
    }

    /// <summary>Decodes request bytes, rejecting everything the wire format does not allow.</summary>
    /// <param name="bytes">The request bytes.</param>
    /// <returns>The decoded envelope; <see cref="Body"/> is a copy.</returns>
    /// <exception cref="PassesFormatException">
    /// <see cref="PassesErrorCodes.Truncated"/>, <see cref="PassesErrorCodes.UnknownVersion"/> or <see cref="PassesErrorCodes.InvalidUtf8"/>.
    /// </exception>
    public static RequestEnvelopeV0 Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new PassesFormatException(PassesErrorCodes.Truncated, "Request is empty: the version byte is missing.");
        }

        if (bytes[0] != Version)
        {
            throw new PassesFormatException(
                PassesErrorCodes.UnknownVersion,
                $"Request envelope version 0x{bytes[0]:x2} is not supported; only 0x00 is.");
        }

        var topicBytes = LengthPrefix.Read(bytes[1..], 1, "Request topic", out var body);
        var topic = StrictUtf8.Decode(topicBytes, "Request topic");
        return new RequestEnvelopeV0(topic, body.ToArray());
    }

    /// <summary>Reads only the topic of request bytes, with the same checks as <see cref="Decode"/>.</summary>
    /// <param name="bytes">The request bytes.</param>
    /// <returns>The topic.</returns>
    /// <exception cref="PassesFormatException">The request is malformed.</exception>
    public static string ReadTopic(ReadOnlySpan<byte> bytes) => Decode(bytes).Topic;

    /// <summary>Value equality including the body bytes.</summary>
    /// <param name="other">The envelope to compare with.</param>
    /// <returns>Whether topic and body bytes are equal.</returns>
    public bool Equals(RequestEnvelopeV0? other) =>
        other is not null && Topic == other.Topic && Body.Span.SequenceEqual(other.Body.Span);

    /// <summary>A hash over the topic and body length.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Topic, Body.Length);
}
