using FsCheck.Xunit;
using Passport.Core.Encoding;
using Passport.Core.Errors;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Encoding;

public class Base58BtcTests
{
    // Vectors of draft-msporny-base58 §5.
    [Theory]
    [InlineData("Hello World!", "2NEpo7TZRRrLZSi2U")]
    [InlineData("The quick brown fox jumps over the lazy dog.", "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z")]
    public void Draft_base58_known_answers(string text, string expected)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        Assert.Equal(expected, Base58Btc.Encode(bytes));
        Assert.Equal(bytes, Base58Btc.Decode(expected));
    }

    [Fact]
    public void Leading_zero_bytes_become_leading_ones()
    {
        byte[] bytes = [0x00, 0x00, 0x28, 0x7f, 0xb4, 0xcd];
        Assert.Equal("11233QC4", Base58Btc.Encode(bytes));
        Assert.Equal(bytes, Base58Btc.Decode("11233QC4"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("O")]
    [InlineData("I")]
    [InlineData("l")]
    [InlineData("2NEpo7 TZRR")]
    [InlineData(" 2NEpo7")]
    [InlineData("2NEpo7\n")]
    [InlineData("2NEpo7é")]
    [InlineData("2NEpo7+")]
    public void Characters_outside_the_bitcoin_alphabet_are_refused(string text)
    {
        var error = Assert.Throws<PassportFormatException>(() => Base58Btc.Decode(text));
        Assert.Equal(PassportErrorCodes.Base58Invalid, error.Code);
    }

    [Property]
    public bool Round_trip_of_any_bytes(byte[] data) =>
        Base58Btc.Decode(Base58Btc.Encode(data)).AsSpan().SequenceEqual(data);

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Random_text_never_throws_anything_but_the_typed_error(NearlyValidText text)
    {
        try
        {
            Base58Btc.Decode(text.Value);
        }
        catch (PassportFormatException e)
        {
            Assert.Equal(PassportErrorCodes.Base58Invalid, e.Code);
        }
    }
}
