namespace Passes;

/// <summary>The Void codec: an empty body. Decoding refuses any bytes.</summary>
public sealed class VoidCodec : ICodec<Empty>
{
    /// <inheritdoc />
    public byte[] Encode(Empty value) => [];

    /// <inheritdoc />
    public Empty Decode(ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty
            ? Empty.Value
            : throw new PassesFormatException(PassesErrorCodes.TrailingBytes, $"A Void body must be empty; it has {bytes.Length} bytes.");
}
