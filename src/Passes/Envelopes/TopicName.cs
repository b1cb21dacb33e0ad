namespace Passes;

/// <summary>Rules for topic identifiers: 1..256 UTF-8 bytes (reverse-DNS by convention, e.g. <c>com.example.get-email</c>).</summary>
public static class TopicName
{
    /// <summary>The largest topic, in UTF-8 bytes, a one-byte <c>length − 1</c> prefix can describe.</summary>
    public const int MaxUtf8Length = 256;

    /// <summary>Returns the UTF-8 bytes of <paramref name="topic"/>, or throws if it cannot be put on the wire.</summary>
    /// <param name="topic">The topic to check.</param>
    /// <returns>The topic's UTF-8 bytes.</returns>
    /// <exception cref="PassesFormatException">
    /// <see cref="PassesErrorCodes.TopicEmpty"/>, <see cref="PassesErrorCodes.TopicTooLong"/> or <see cref="PassesErrorCodes.InvalidUtf16"/>.
    /// </exception>
    public static byte[] ToUtf8(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Length == 0)
        {
            throw new PassesFormatException(PassesErrorCodes.TopicEmpty, "A topic must not be empty.");
        }

        var bytes = Internal.StrictUtf8.Encode(topic, "Topic");
        if (bytes.Length > MaxUtf8Length)
        {
            throw new PassesFormatException(
                PassesErrorCodes.TopicTooLong,
                $"A topic is at most {MaxUtf8Length} UTF-8 bytes; this one has {bytes.Length}.");
        }

        return bytes;
    }
}
