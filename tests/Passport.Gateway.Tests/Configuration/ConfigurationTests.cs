using Passport.Gateway.Configuration;
using Passport.Gateway.Forwarding;
using Passport.Gateway.Policies;

namespace Passport.Gateway.Tests.Configuration;

public sealed class ConfigurationTests
{
    [Fact]
    public void Validator_lists_every_problem_naming_the_setting()
    {
        var options = new PassportGatewayOptions
        {
            Issuer = "not a url",
            PublicOrigin = "http://gw.example/path",
            TrustedProxies = ["10.0.0.0/8", "nonsense"],
            Replay = new ReplaySettings { Store = "Disk" },
            Revocation = new RevocationSettings { Source = "Redis" },
            Dpop = new DpopSettings { IssuedAtWindowSeconds = 0 },
        };
        var problems = PassportGatewayOptionsValidator.Problems(options);
        Assert.Contains(problems, p => p.StartsWith("Passport:Issuer", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Passport:PublicOrigin", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Passport:TrustedProxies:1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Passport:Replay:Store", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Passport:Redis:Configuration", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Passport:Dpop:IssuedAtWindowSeconds", StringComparison.Ordinal));
        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public void Valid_minimal_options_have_no_problem_and_derive_defaults()
    {
        var options = new PassportGatewayOptions { Issuer = "https://idp.example/", PublicOrigin = "https://api.example" };
        Assert.Empty(PassportGatewayOptionsValidator.Problems(options));
        Assert.Equal("https://idp.example/.well-known/jwks.json", options.EffectiveJwksUri);
        Assert.Equal("https://idp.example/api/revocations", options.EffectiveFeedUri);
        Assert.Equal(["https://api.example"], options.EffectiveAudiences);
    }

    [Fact]
    public void Validate_config_reports_route_metadata_in_both_spellings()
    {
        var problems = ConfigurationCheck.Run(
        [
            "--Passport:Issuer=https://idp.example", "--Passport:PublicOrigin=https://api.example",
            "--ReverseProxy:Clusters:c:Destinations:d:Address=http://127.0.0.1:1",
            "--ReverseProxy:Routes:r1:ClusterId=c", "--ReverseProxy:Routes:r1:Match:Path=/a",
            "--ReverseProxy:Routes:r1:Metadata:Passport:AllowDelegation=maybe",
            "--ReverseProxy:Routes:r2:ClusterId=missing", "--ReverseProxy:Routes:r2:Match:Path=/b",
            "--ReverseProxy:Routes:r2:Metadata:Passport:Scopes=read\"x",
            "--ReverseProxy:Routes:r2:Metadata:Passport:Typo=true",
        ]);
        Assert.Contains(problems, p => p.Contains("'r1'", StringComparison.Ordinal) && p.Contains("Passport:AllowDelegation", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'r2'", StringComparison.Ordinal) && p.Contains("ClusterId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'r2'", StringComparison.Ordinal) && p.Contains("scope token", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Passport:Typo", StringComparison.Ordinal));
        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void Route_policy_parses_scopes_and_flags()
    {
        var errors = new List<string>();
        var policy = RoutePolicy.Parse("r", new Dictionary<string, string>
        {
            ["Passport:Scopes"] = "read:orders, write:orders",
            ["Passport:AllowDelegation"] = "False",
            ["Passport:RequireClaimed"] = "true",
        }, errors);
        Assert.Empty(errors);
        Assert.Equal(["read:orders", "write:orders"], policy.Scopes);
        Assert.False(policy.AllowDelegation);
        Assert.True(policy.RequireClaimed);
        Assert.Equal("read:orders write:orders", policy.ScopeText);
    }

    [Fact]
    public void Streaming_is_a_boolean_route_flag_and_its_activity_timeout_is_range_checked()
    {
        var errors = new List<string>();
        Assert.True(RoutePolicy.Parse("r", new Dictionary<string, string> { ["Passport:Streaming"] = "true" }, errors).Streaming);
        Assert.False(RoutePolicy.Parse("r", new Dictionary<string, string> { ["Passport:Scopes"] = "x" }, errors).Streaming);
        Assert.Empty(errors);
        RoutePolicy.Parse("r", new Dictionary<string, string> { ["Passport:Streaming"] = "forever" }, errors);
        Assert.Contains(errors, e => e.Contains("Passport:Streaming must be true or false", StringComparison.Ordinal));

        Assert.Equal(3600, new PassportGatewayOptions().Streaming.ActivityTimeoutSeconds);
        var options = new PassportGatewayOptions
        {
            Issuer = "https://idp.example", PublicOrigin = "https://api.example",
            Streaming = new StreamingSettings { ActivityTimeoutSeconds = 0 },
        };
        Assert.Contains(PassportGatewayOptionsValidator.Problems(options), p => p.StartsWith("Passport:Streaming:ActivityTimeoutSeconds", StringComparison.Ordinal));
    }

    [Fact]
    public void Anonymous_with_scopes_is_rejected()
    {
        var errors = new List<string>();
        RoutePolicy.Parse("r", new Dictionary<string, string> { ["Passport:Anonymous"] = "true", ["Passport:Scopes"] = "x" }, errors);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("swiftly-golden-fox", "swiftly-golden-fox")]
    [InlineData("My Agent", "My Agent")]
    [InlineData("Zoë", "UTF-8''Zo%C3%AB")]
    [InlineData("a\r\nb", "UTF-8''a%0D%0Ab")]
    [InlineData(" padded", "UTF-8''%20padded")]
    [InlineData("UTF-8''x", "UTF-8''UTF-8%27%27x")]
    public void Header_values_are_header_safe(string value, string expected)
    {
        Assert.Equal(expected, IdentityHeaderValues.Safe(value));
    }
}
