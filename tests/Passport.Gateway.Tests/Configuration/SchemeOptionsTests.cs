using Passport.AspNetCore;

namespace Passport.Gateway.Tests.Configuration;

/// <summary>The Passport scheme's options validator: each required option and bound, one at a time.</summary>
public sealed class SchemeOptionsTests
{
    private static PassportAuthenticationOptions Valid() => new()
    {
        Issuer = "https://idp.example",
        Audiences = ["https://api.example"],
        PublicOrigin = "https://api.example",
    };

    public static TheoryData<string, Action<PassportAuthenticationOptions>> Broken => new()
    {
        { "Issuer", o => o.Issuer = null },
        { "Issuer", o => o.Issuer = "idp.example" },
        { "Audiences", o => o.Audiences = [] },
        { "Audiences", o => o.Audiences = [" "] },
        { "PublicOrigin", o => o.PublicOrigin = null },
        { "PublicOrigin", o => o.PublicOrigin = "ftp://api.example" },
        { "TrustedProxies", o => o.TrustedProxies = ["not-an-address"] },
        { "ProofIssuedAtWindowSeconds", o => o.ProofIssuedAtWindowSeconds = 0 },
        { "MaxProofLength", o => o.MaxProofLength = 10 },
        { "RetryAfterSeconds", o => o.RetryAfterSeconds = 0 },
        { "ResourceMetadataUrl", o => o.ResourceMetadataUrl = "/relative" },
    };

    [Fact]
    public void Defaults_with_the_three_required_options_are_valid()
    {
        var result = new PassportAuthenticationOptionsValidator().Validate("Passport", Valid());
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_broken_option_is_named_in_the_failure(string option, Action<PassportAuthenticationOptions> breakIt)
    {
        var options = Valid();
        breakIt(options);
        var result = new PassportAuthenticationOptionsValidator().Validate("Passport", options);
        Assert.True(result.Failed);
        Assert.Contains(option, result.FailureMessage);
    }
}
