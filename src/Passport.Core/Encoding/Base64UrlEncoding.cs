using System.Buffers.Text;
using Passport.Core.Errors;

namespace Passport.Core.Encoding;

/// <summary>Strict base64url (RFC 4648 §5) without padding, as JOSE requires (RFC 7515 §2).</summary>
public static class Base64UrlEncoding
{
    /// <summary>Encodes <paramref name="data"/> as unpadded base64url.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => Base64Url.EncodeToString(data);

    /// <summary>Decodes unpadded base64url text.</summary>
    /// <exception cref="PassportFormatException"><c>base64url.invalid</c> when the text has padding, whitespace or characters outside the alphabet.</exception>
    public static byte[] Decode(ReadOnlySpan<char> text)
    {
        if (!IsStrict(text))
        {
            throw new PassportFormatException(PassportErrorCodes.Base64UrlInvalid,
                "Expected unpadded base64url (A-Z a-z 0-9 - _), without '=' padding or whitespace.");
        }
        return Base64Url.DecodeFromChars(text);
    }

    /// <summary>Decodes into <paramref name="destination"/>; false when the text is not strict base64url or does not fit.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        return IsStrict(text) && Base64Url.TryDecodeFromChars(text, destination, out bytesWritten);
    }

    /// <summary>Decodes UTF-8 base64url bytes into <paramref name="destination"/>; false when invalid or too small.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (utf8.Length % 4 == 1 || utf8.IndexOfAnyExcept(Alphabet) >= 0 || !UnusedBitsAreZero(utf8.Length, utf8.IsEmpty ? 'A' : (char)utf8[^1]))
        {
            return false;
        }
        var status = Base64Url.DecodeFromUtf8(utf8, destination, out _, out bytesWritten);
        return status == System.Buffers.OperationStatus.Done;
    }

    private static readonly System.Buffers.SearchValues<byte> Alphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8);

    private static readonly System.Buffers.SearchValues<char> AlphabetChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    // A length of 4n+1 can never be produced by an encoder; everything outside the alphabet (padding included) is refused,
    // and so is non-canonical text (RFC 4648 §3.5), which System.Buffers.Text.Base64Url would reject by throwing FormatException.
    private static bool IsStrict(ReadOnlySpan<char> text) =>
        text.Length % 4 != 1 && text.IndexOfAnyExcept(AlphabetChars) < 0 && UnusedBitsAreZero(text.Length, text.IsEmpty ? 'A' : text[^1]);

    // The last character of a 4n+2 (4n+3) long text carries 4 (2) bits that encode nothing; a canonical encoder writes zeros.
    private static bool UnusedBitsAreZero(int length, char last)
    {
        var unusedMask = (length % 4) switch { 2 => 0x0F, 3 => 0x03, _ => 0 };
        var value = last switch
        {
            >= 'A' and <= 'Z' => last - 'A',
            >= 'a' and <= 'z' => last - 'a' + 26,
            >= '0' and <= '9' => last - '0' + 52,
            '-' => 62,
            _ => 63,
        };
        return (value & unusedMask) == 0;
    }
}
