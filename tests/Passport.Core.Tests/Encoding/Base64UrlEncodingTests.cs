using FsCheck.Xunit;
using Passport.Core.Encoding;
using Passport.Core.Errors;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Encoding;

public class Base64UrlEncodingTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "Zg")]
    [InlineData("fo", "Zm8")]
    [InlineData("foo", "Zm9v")]
    [InlineData("foob", "Zm9vYg")]
    [InlineData("fooba", "Zm9vYmE")]
    [InlineData("foobar", "Zm9vYmFy")]
    public void Rfc4648_test_vectors_encode_without_padding(string text, string expected)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        Assert.Equal(expected, Base64UrlEncoding.Encode(bytes));
        Assert.Equal(bytes, Base64UrlEncoding.Decode(expected));
    }

    [Fact]
    public void Url_safe_alphabet_uses_minus_and_underscore()
    {
        Assert.Equal("-_-_", Base64UrlEncoding.Encode([0xfb, 0xff, 0xbf]));
        Assert.Equal(new byte[] { 0xfb, 0xff, 0xbf }, Base64UrlEncoding.Decode("-_-_"));
    }

    [Theory]
    [InlineData("Zg==")]
    [InlineData("Zm8=")]
    [InlineData("Zg=")]
    public void Padding_is_refused(string text) => AssertRefused(text);

    [Theory]
    [InlineData("Zm9v Yg")]
    [InlineData(" Zm9v")]
    [InlineData("Zm9v\n")]
    [InlineData("Zm9v\t")]
    public void Whitespace_is_refused(string text) => AssertRefused(text);

    [Theory]
    [InlineData("Zm9v+g")]
    [InlineData("Zm9v/g")]
    [InlineData("Zm9v.g")]
    [InlineData("Zm9vé")]
    public void Characters_outside_the_url_alphabet_are_refused(string text) => AssertRefused(text);

    [Theory]
    [InlineData("Z")]
    [InlineData("Zm9vY")]
    [InlineData("Zm9vYmFyY")]
    public void Length_4n_plus_1_is_refused(string text) => AssertRefused(text);

    [Theory]
    [InlineData("eyJ")]
    [InlineData("Zh")]
    [InlineData("Zm9")]
    public void Non_canonical_text_with_nonzero_unused_bits_is_refused(string text) => AssertRefused(text);

    [Fact]
    public void TryDecode_returns_false_instead_of_throwing()
    {
        Span<byte> buffer = stackalloc byte[16];
        Assert.False(Base64UrlEncoding.TryDecode("Zg==".AsSpan(), buffer, out _));
        Assert.False(Base64UrlEncoding.TryDecode("Zg=="u8, buffer, out _));
        Assert.False(Base64UrlEncoding.TryDecode("Z"u8, buffer, out _));
        Assert.True(Base64UrlEncoding.TryDecode("Zm9v"u8, buffer, out var written));
        Assert.Equal(3, written);
    }

    [Fact]
    public void TryDecode_returns_false_when_destination_is_too_small()
    {
        Span<byte> buffer = stackalloc byte[2];
        Assert.False(Base64UrlEncoding.TryDecode("Zm9vYmFy"u8, buffer, out _));
        Assert.False(Base64UrlEncoding.TryDecode("Zm9vYmFy".AsSpan(), buffer, out _));
    }

    [Property]
    public bool Round_trip_of_any_bytes(byte[] data) =>
        Base64UrlEncoding.Decode(Base64UrlEncoding.Encode(data)).AsSpan().SequenceEqual(data);

    [Property]
    public bool Encoded_text_never_contains_padding_or_standard_alphabet_characters(byte[] data) =>
        Base64UrlEncoding.Encode(data).IndexOfAny(['=', '+', '/']) < 0;

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Random_text_never_throws_anything_but_the_typed_error(NearlyValidText text)
    {
        try
        {
            Base64UrlEncoding.Decode(text.Value);
        }
        catch (PassportFormatException e)
        {
            Assert.Equal(PassportErrorCodes.Base64UrlInvalid, e.Code);
        }
        Span<byte> buffer = stackalloc byte[64];
        Base64UrlEncoding.TryDecode(text.Value.AsSpan(), buffer, out _);
        Base64UrlEncoding.TryDecode(System.Text.Encoding.UTF8.GetBytes(text.Value), buffer, out _);
    }

    private static void AssertRefused(string text)
    {
        var error = Assert.Throws<PassportFormatException>(() => Base64UrlEncoding.Decode(text));
        Assert.Equal(PassportErrorCodes.Base64UrlInvalid, error.Code);
        Span<byte> buffer = stackalloc byte[16];
        Assert.False(Base64UrlEncoding.TryDecode(System.Text.Encoding.UTF8.GetBytes(text), buffer, out _));
    }
}
