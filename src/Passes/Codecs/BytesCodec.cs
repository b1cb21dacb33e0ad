namespace Passes;

/// <summary>The Bytes codec: the body is the bytes as they are.</summary>
public sealed class BytesCodec : ICodec<byte[]>
{
    /// <inheritdoc />
    public byte[] Encode(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return (byte[])value.Clone();
    }

    /// <inheritdoc />
    public byte[] Decode(ReadOnlySpan<byte> bytes) => bytes.ToArray();
}
