using FsCheck.Xunit;
using Passport.Core.Encoding;
using Passport.Core.Errors;
using Passport.Core.Identity;
using Passport.Core.Keys;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Identity;

public class DidKeyTests
{
    // did:key Method v0.7 test vector for Ed25519 (the key of the spec's first example).
    private const string SpecDid = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

    [Fact]
    public void Ed25519_did_starts_with_z6Mk_and_is_56_characters()
    {
        using var key = TestKeys.Rfc();
        var did = DidKey.FromPublicKey(key.PublicKey);
        Assert.StartsWith("did:key:z6Mk", did.Value);
        Assert.Equal(56, did.Value.Length);
        Assert.Equal(did.Value, did.ToString());
        Assert.Equal(did.Value["did:key:".Length..], did.MultibaseKey);
    }

    [Fact]
    public void Spec_example_did_parses_and_formats_back_identically()
    {
        var did = DidKey.Parse(SpecDid);
        Assert.Equal(32, did.PublicKey.Length);
        Assert.Equal(SpecDid, DidKey.FromPublicKey(did.PublicKey).Value);
    }

    [Fact]
    public void Thumbprint_from_did_alone_equals_thumbprint_of_the_jwk()
    {
        using var key = TestKeys.Rfc();
        var did = DidKey.Parse(DidKey.FromPublicKey(key.PublicKey).Value);
        Assert.Equal(TestKeys.RfcThumbprint, did.Thumbprint);
        Assert.Equal(key.PublicJwk.Thumbprint, did.Thumbprint);
        Assert.Equal(TestKeys.RfcX, did.ToJwk().X);
    }

    [Fact]
    public void Equal_dids_are_equal_and_hash_alike()
    {
        var a = DidKey.Parse(SpecDid);
        var b = DidKey.Parse(SpecDid);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        using var other = TestKeys.Other();
        Assert.NotEqual(a, DidKey.FromPublicKey(other.PublicKey));
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Any_valid_public_key_round_trips_through_FromPublicKey_and_Parse(Bytes32 seed)
    {
        using var key = Ed25519KeyPair.FromPrivateSeed(seed.Value);
        var did = DidKey.FromPublicKey(key.PublicKey);
        var parsed = DidKey.Parse(did.Value);
        return parsed.PublicKey.AsSpan().SequenceEqual(key.PublicKey) && parsed.Value == did.Value && parsed.Thumbprint == did.Thumbprint;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    public void Empty_or_whitespace_is_refused_as_empty(string? did) => AssertRefused(did, PassportErrorCodes.DidEmpty);

    [Theory]
    [InlineData("did:web:example.com")]
    [InlineData("did:key:6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")]
    [InlineData("DID:KEY:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")]
    [InlineData("did:key:Z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")]
    [InlineData("z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")]
    [InlineData("did:key:u7QE")]
    public void Wrong_prefix_is_refused(string did) => AssertRefused(did, PassportErrorCodes.DidInvalidPrefix);

    [Fact]
    public void Leading_whitespace_is_refused_as_wrong_prefix() =>
        AssertRefused(" " + SpecDid, PassportErrorCodes.DidInvalidPrefix);

    [Theory]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2do0")]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doO")]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doI")]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2dol")]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257 faiztiGiC2QtKLGpbnnEGta2doK")]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK ")]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK\n")]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6Mk")]
    public void Non_base58_characters_and_whitespace_inside_or_trailing_are_refused_as_invalid_encoding(string did) =>
        AssertRefused(did, PassportErrorCodes.DidInvalidEncoding);

    [Theory]
    [InlineData(0xe7, 0x01, 33)] // secp256k1-pub
    [InlineData(0xec, 0x01, 32)] // x25519-pub
    [InlineData(0x12, 0x00, 32)] // p256-pub is 0x1200 as varint 0x80 0x24; anything but 0xed 0x01 is refused
    [InlineData(0xed, 0x02, 32)]
    public void Multicodec_other_than_ed25519_is_refused(int first, int second, int keyLength)
    {
        var bytes = new byte[2 + keyLength];
        bytes[0] = (byte)first;
        bytes[1] = (byte)second;
        bytes[2] = 0x02;
        AssertRefused("did:key:z" + Base58Btc.Encode(bytes), PassportErrorCodes.DidUnsupportedKeyType);
    }

    [Fact]
    public void Body_shorter_than_the_multicodec_is_refused_as_unsupported_key_type()
    {
        AssertRefused("did:key:z", PassportErrorCodes.DidUnsupportedKeyType);
        AssertRefused("did:key:z2", PassportErrorCodes.DidUnsupportedKeyType);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Ed25519_key_of_wrong_length_is_refused(int keyLength)
    {
        var bytes = new byte[2 + keyLength];
        bytes[0] = 0xed;
        bytes[1] = 0x01;
        bytes.AsSpan(2).Fill(0x42);
        AssertRefused("did:key:z" + Base58Btc.Encode(bytes), PassportErrorCodes.DidInvalidLength);
    }

    [Fact]
    public void Over_long_input_is_refused_before_decoding()
    {
        AssertRefused("did:key:z" + new string('2', DidKey.MaxLength), PassportErrorCodes.DidInvalidLength);
        AssertRefused(new string('x', 100_000), PassportErrorCodes.DidInvalidLength);
    }

    [Fact]
    public void FromPublicKey_refuses_a_key_that_is_not_32_bytes()
    {
        var error = Assert.Throws<PassportFormatException>(() => DidKey.FromPublicKey(new byte[31]));
        Assert.Equal(PassportErrorCodes.DidInvalidLength, error.Code);
    }

    [Fact]
    public void TryParse_reports_the_code_instead_of_throwing()
    {
        Assert.False(DidKey.TryParse("did:web:x", out var none, out var error));
        Assert.Null(none);
        Assert.Equal(PassportErrorCodes.DidInvalidPrefix, error!.Code);
        Assert.True(DidKey.TryParse(SpecDid, out var did, out var noError));
        Assert.Equal(SpecDid, did!.Value);
        Assert.Null(noError);
    }

    /// <summary>
    /// seeds/004's sample DID has the right prefix and length but its 32 bytes are not a curve point: it is refused as
    /// <c>did.invalid_public_key</c> (the did:key method's invalidPublicKey), not accepted as an unusable key.
    /// </summary>
    [Fact]
    public void Seed_sample_did_which_is_not_a_curve_point_is_refused_as_invalid_public_key() =>
        AssertRefused(TestKeys.SeedSampleDid, PassportErrorCodes.DidInvalidPublicKey);

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Random_strings_never_throw_anything_but_the_typed_error(NearlyValidText text)
    {
        try
        {
            DidKey.Parse(text.Value);
        }
        catch (PassportFormatException e)
        {
            Assert.StartsWith("did.", e.Code);
        }
    }

    [Property]
    public void Arbitrary_strings_never_throw_anything_but_the_typed_error(string? text)
    {
        Assert.False(DidKey.TryParse(text, out _, out var error) && error is not null);
    }

    private static void AssertRefused(string? did, string code)
    {
        var error = Assert.Throws<PassportFormatException>(() => DidKey.Parse(did));
        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
