namespace Passport.Agent.Tests.Discovery;

public sealed class WwwAuthenticateChallengeTests
{
    [Fact]
    public void Parses_scheme_and_quoted_parameters()
    {
        var challenge = Assert.Single(WwwAuthenticateChallenge.Parse(
            "Bearer realm=\"passport\", resource_metadata=\"https://p.example/.well-known/oauth-protected-resource\""));
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal("passport", challenge.Parameters["realm"]);
        Assert.Equal("https://p.example/.well-known/oauth-protected-resource", challenge.ResourceMetadata);
    }

    [Fact]
    public void Parses_several_challenges_in_one_header()
    {
        var challenges = WwwAuthenticateChallenge.Parse("Bearer realm=\"passport\", DPoP algs=\"EdDSA\", error=use_dpop_nonce");
        Assert.Equal(["Bearer", "DPoP"], challenges.Select(c => c.Scheme).ToArray());
        Assert.Equal("use_dpop_nonce", challenges[1].Error);
        Assert.Null(challenges[0].Error);
    }

    [Fact]
    public void Unescapes_quoted_pairs()
    {
        var challenge = Assert.Single(WwwAuthenticateChallenge.Parse("DPoP error_description=\"say \\\"hi\\\"\""));
        Assert.Equal("say \"hi\"", challenge.Parameters["error_description"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("=====")]
    [InlineData("\"unterminated")]
    [InlineData("DPoP error=\"unterminated")]
    [InlineData(",,, ,")]
    [InlineData("a=b, c")]
    public void Never_throws_on_malformed_headers(string header) => WwwAuthenticateChallenge.Parse(header);
}
