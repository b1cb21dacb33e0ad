using System.Buffers.Binary;

namespace Passes.Internal;

/// <summary>
/// Length prefixes that store <c>length − 1</c> big-endian (1 byte: 1..256, 2 bytes: 1..65536),
/// as the Passes wire format does everywhere except the batch wrappers.
/// </summary>
internal static class LengthPrefix
{
    /// <summary>Writes <c>[len−1][bytes]</c>.</summary>
    /// <exception cref="PassesFormatException">
    /// <see cref="PassesErrorCodes.FieldLength"/> when the field is empty or longer than <see cref="Max"/> for the width:
    /// the prefix would otherwise wrap and describe another length.
    /// </exception>
    public static void Write(List<byte> output, int width, ReadOnlySpan<byte> field, string what = "A length-prefixed field")
    {
        if (field.Length == 0 || field.Length > Max(width))
        {
            throw new PassesFormatException(
                PassesErrorCodes.FieldLength,
                $"{what} must be 1..{Max(width)} bytes; it has {field.Length}.");
        }

        var stored = field.Length - 1;
        if (width == 1)
        {
            output.Add((byte)stored);
        }
        else
        {
            output.Add((byte)(stored >> 8));
            output.Add((byte)stored);
        }

        output.AddRange(field);
    }

    /// <summary>The largest field a prefix of <paramref name="width"/> bytes can describe.</summary>
    public static int Max(int width) => width == 1 ? 256 : 65536;

    /// <summary>Reads a <c>[len−1][bytes]</c> field at the start of <paramref name="input"/>.</summary>
    public static ReadOnlySpan<byte> Read(ReadOnlySpan<byte> input, int width, string what, out ReadOnlySpan<byte> rest)
    {
        if (input.Length < width)
        {
            throw new PassesFormatException(PassesErrorCodes.Truncated, $"{what}: length prefix is missing.");
        }

        var length = (width == 1 ? input[0] : BinaryPrimitives.ReadUInt16BigEndian(input)) + 1;
        var afterPrefix = input[width..];
        if (afterPrefix.Length < length)
        {
            throw new PassesFormatException(
                PassesErrorCodes.Truncated,
                $"{what}: declares {length} bytes but only {afterPrefix.Length} remain.");
        }

        rest = afterPrefix[length..];
        return afterPrefix[..length];
    }
}
