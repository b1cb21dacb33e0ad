using System.Buffers.Binary;

namespace Passes;

/// <summary>
/// The Number codec: IEEE-754 float32, little-endian (1.5 → <c>0000c03f</c>). JavaScript numbers are
/// narrowed to float32 on the wire, so the C# type is <see cref="float"/>; NaN is written as JavaScript
/// writes it (<c>0000c07f</c>).
/// </summary>
public sealed class NumberCodec : ICodec<float>
{
    /// <inheritdoc />
    public byte[] Encode(float value)
    {
        var output = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(output, float.IsNaN(value) ? BitConverter.Int32BitsToSingle(0x7fc00000) : value);
        return output;
    }

    /// <inheritdoc />
    public float Decode(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 4
            ? BinaryPrimitives.ReadSingleLittleEndian(bytes)
            : throw new PassesFormatException(PassesErrorCodes.InvalidNumber, $"A Number body is exactly 4 bytes; it has {bytes.Length}.");
}
