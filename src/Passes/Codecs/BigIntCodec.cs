using System.Globalization;
using System.Numerics;

namespace Passes;

/// <summary>
/// The BigInt codec: lowercase hexadecimal digits as ASCII, no prefix, no leading zeros (255 → <c>"ff"</c>).
/// Negative values are refused on encode (the reference writes <c>-ff</c>, which its own decoder cannot read),
/// and decoding accepts only the canonical form this encoder writes.
/// </summary>
public sealed class BigIntCodec : ICodec<BigInteger>
{
    /// <inheritdoc />
    public byte[] Encode(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new PassesFormatException(
                PassesErrorCodes.NegativeBigInt,
                "BigInt bodies cannot be negative: the wire format has no sign (the reference would write an unreadable '-…').");
        }

        var hex = value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        return System.Text.Encoding.ASCII.GetBytes(hex.Length == 0 ? "0" : hex);
    }

    /// <inheritdoc />
    public BigInteger Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw Invalid("it is empty");
        }

        if (bytes.Length > 1 && bytes[0] == (byte)'0')
        {
            throw Invalid("it has a leading zero");
        }

        var digits = new char[bytes.Length + 1];
        digits[0] = '0'; // keeps AllowHexSpecifier from reading a high first digit as a sign
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b is not ((>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f')))
            {
                throw Invalid($"byte {i} (0x{b:x2}) is not a lowercase hex digit");
            }

            digits[i + 1] = (char)b;
        }

        return BigInteger.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static PassesFormatException Invalid(string why) =>
        new(PassesErrorCodes.InvalidBigInt, $"A BigInt body is canonical lowercase hex; {why}.");
}
