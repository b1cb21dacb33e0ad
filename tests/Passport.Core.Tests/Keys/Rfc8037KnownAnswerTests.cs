using Passport.Core.Encoding;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Keys;

/// <summary>RFC 8037 Appendix A: the key (A.1, A.2) and the Ed25519 signature (A.4) through NSec.</summary>
public class Rfc8037KnownAnswerTests
{
    [Fact]
    public void A2_public_key_is_derived_from_the_A1_private_seed()
    {
        using var key = TestKeys.Rfc();
        Assert.Equal(TestKeys.RfcX, key.PublicJwk.X);
        Assert.Equal(TestKeys.RfcThumbprint, key.PublicJwk.Thumbprint);
    }

    [Fact]
    public void A4_signature_known_answer()
    {
        using var key = TestKeys.Rfc();
        var signature = key.Sign(System.Text.Encoding.ASCII.GetBytes(TestKeys.RfcA4SigningInput));
        Assert.Equal(TestKeys.RfcA4Signature, Base64UrlEncoding.Encode(signature));
    }

    [Fact]
    public void A5_signature_verifies_with_the_public_key()
    {
        Assert.True(Passport.Core.Keys.Ed25519Verifier.Verify(Base64UrlEncoding.Decode(TestKeys.RfcX),
            System.Text.Encoding.ASCII.GetBytes(TestKeys.RfcA4SigningInput), Base64UrlEncoding.Decode(TestKeys.RfcA4Signature)));
    }
}
