namespace Passes;

/// <summary>Converts a typed request or result body to and from its wire bytes.</summary>
/// <typeparam name="T">The body type.</typeparam>
public interface ICodec<T>
{
    /// <summary>Encodes a body value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The body bytes.</returns>
    /// <exception cref="PassesFormatException">The value cannot be represented in this codec.</exception>
    byte[] Encode(T value);

    /// <summary>Decodes body bytes, rejecting anything this codec would not have produced.</summary>
    /// <param name="bytes">The body bytes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="PassesFormatException">The bytes are not a valid encoding.</exception>
    T Decode(ReadOnlySpan<byte> bytes);
}
