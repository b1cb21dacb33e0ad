using System.Buffers.Binary;

namespace Passes.Internal;

/// <summary>The batch framing: repeated <c>[u32be raw length][entry]</c> (raw length, not length − 1).</summary>
internal static class BatchFraming
{
    public static byte[] Encode(IReadOnlyList<byte[]> entries)
    {
        var output = new byte[entries.Sum(e => 4L + e.Length)];
        var offset = 0;
        foreach (var entry in entries)
        {
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(offset), (uint)entry.Length);
            entry.CopyTo(output, offset + 4);
            offset += 4 + entry.Length;
        }

        return output;
    }

    public static List<byte[]> Decode(ReadOnlySpan<byte> bytes, string what)
    {
        var entries = new List<byte[]>();
        while (!bytes.IsEmpty)
        {
            if (bytes.Length < 4)
            {
                throw new PassesFormatException(PassesErrorCodes.Truncated, $"{what} entry {entries.Count}: length is cut short.");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            bytes = bytes[4..];
            if (length > (uint)bytes.Length)
            {
                throw new PassesFormatException(
                    PassesErrorCodes.Truncated,
                    $"{what} entry {entries.Count}: declares {length} bytes but only {bytes.Length} remain.");
            }

            entries.Add(bytes[..(int)length].ToArray());
            bytes = bytes[(int)length..];
        }

        return entries;
    }

    public static T Entry<T>(string what, int index, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (PassesFormatException ex)
        {
            throw new PassesFormatException(ex.Code, $"{what} entry {index}: {ex.Message}", ex);
        }
    }
}
