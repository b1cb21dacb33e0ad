using System.Text;

namespace Passes.Internal;

/// <summary>UTF-8 conversion that refuses invalid input instead of substituting U+FFFD.</summary>
internal static class StrictUtf8
{
    private static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes, string what)
    {
        try
        {
            return Encoding.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new PassesFormatException(PassesErrorCodes.InvalidUtf8, $"{what} is not valid UTF-8.", ex);
        }
    }

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
