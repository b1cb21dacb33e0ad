using System.Text;

namespace Passes.Internal;

/// <summary>UTF-8 conversion that refuses invalid input instead of substituting U+FFFD.</summary>
internal static class StrictUtf8
{
    private static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Decodes strict UTF-8. A leading byte order mark (<c>EF BB BF</c>) is dropped, as the reference's
    /// <c>TextDecoder</c> (default <c>ignoreBOM: false</c>) drops it, so both sides read the same string;
    /// a U+FEFF anywhere else is kept.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string what)
    {
        try
        {
            return Encoding.GetString(WithoutBom(bytes));
        }
        catch (DecoderFallbackException ex)
        {
            throw new PassesFormatException(PassesErrorCodes.InvalidUtf8, $"{what} is not valid UTF-8.", ex);
        }
    }

    /// <summary>The bytes without one leading UTF-8 byte order mark.</summary>
    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;

    public static byte[] Encode(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            return Encoding.GetBytes(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw new PassesFormatException(PassesErrorCodes.InvalidUtf16, $"{what} contains a lone surrogate and has no UTF-8 form.", ex);
        }
    }
}
