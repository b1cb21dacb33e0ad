using Passport.Gateway.Configuration;

namespace Passport.Gateway.Tests.Configuration;

/// <summary><c>Passport:Issuers</c> (issue 15 §1): every bad entry is a startup problem naming the setting.</summary>
public sealed class IssuerConfigurationTests
{
    private static PassportGatewayOptions With(params IssuerSettings[] issuers) => new()
    {
        Issuer = "https://passport.example",
        PublicOrigin = "https://api.example",
        Issuers = [.. issuers],
    };

    [Fact]
    public void Without_issuers_the_single_issuer_settings_are_unchanged()
    {
        Assert.Empty(PassportGatewayOptionsValidator.Problems(With()));
    }

    [Fact]
    public void A_minimal_entry_is_valid_and_takes_the_rfc9068_defaults()
    {
        var entry = new IssuerSettings { Name = "keycloak", Issuer = "https://kc.example/realms/agents" };
        Assert.Empty(PassportGatewayOptionsValidator.Problems(With(entry)));
        Assert.Equal(["ES256", "RS256"], entry.EffectiveAlgorithms);
        Assert.True(entry.RequireDpop);
        Assert.Equal("Auto", entry.Discovery);
        Assert.Equal(60, entry.ClockSkewSeconds);
        Assert.Equal(("sub", "client_id", "scope", "act"), (entry.Claims.Subject, entry.Claims.ClientId, entry.Claims.Scope, entry.Claims.Actor));
    }

    [Fact]
    public void A_full_entry_with_every_allowed_algorithm_is_valid()
    {
        var entry = new IssuerSettings
        {
            Name = "entra",
            Issuer = "https://login.example/tenant/v2.0",
            JwksUri = "https://login.example/tenant/discovery/v2.0/keys",
            Discovery = "openid",
            Algorithms = ["EdDSA", "Ed25519", "ES256", "ES384", "RS256", "PS256"],
            Audiences = ["api://orders"],
            RequireDpop = false,
            ClockSkewSeconds = 0,
            Claims = new IssuerClaimSettings { Scope = "scp", ClientId = "azp" },
        };
        Assert.Empty(PassportGatewayOptionsValidator.Problems(With(entry)));
    }

    public static TheoryData<string, IssuerSettings, string> BadEntries => new()
    {
        { "no name", new IssuerSettings { Issuer = "https://a.example" }, "Passport:Issuers:0:Name is required" },
        { "name with a space", new IssuerSettings { Name = "my idp", Issuer = "https://a.example" }, "Passport:Issuers:0:Name is required" },
        { "reserved name", new IssuerSettings { Name = "Passport", Issuer = "https://a.example" }, "Passport:Issuers:0:Name 'Passport' is reserved" },
        { "no issuer", new IssuerSettings { Name = "a" }, "Passport:Issuers:0:Issuer is required" },
        { "issuer not a URL", new IssuerSettings { Name = "a", Issuer = "kc.example" }, "Passport:Issuers:0:Issuer must be an absolute http(s) URL" },
        { "the IdP again", new IssuerSettings { Name = "a", Issuer = "https://passport.example" }, "Passport:Issuers:0:Issuer 'https://passport.example' is already configured" },
        { "bad JWKS URL", new IssuerSettings { Name = "a", Issuer = "https://a.example", JwksUri = "ftp://a.example/keys" }, "Passport:Issuers:0:JwksUri must be an absolute http(s) URL" },
        { "unknown discovery", new IssuerSettings { Name = "a", Issuer = "https://a.example", Discovery = "Guess" }, "Passport:Issuers:0:Discovery must be Auto, OAuth or OpenId" },
        { "numeric discovery", new IssuerSettings { Name = "a", Issuer = "https://a.example", Discovery = "1" }, "Passport:Issuers:0:Discovery must be" },
        { "alg none", new IssuerSettings { Name = "a", Issuer = "https://a.example", Algorithms = ["ES256", "none"] }, "Passport:Issuers:0:Algorithms:1 must be one of" },
        { "alg HMAC", new IssuerSettings { Name = "a", Issuer = "https://a.example", Algorithms = ["HS256"] }, "Passport:Issuers:0:Algorithms:0 must be one of" },
        { "alg in lower case", new IssuerSettings { Name = "a", Issuer = "https://a.example", Algorithms = ["es256"] }, "Passport:Issuers:0:Algorithms:0 must be one of" },
        { "empty audience", new IssuerSettings { Name = "a", Issuer = "https://a.example", Audiences = [" "] }, "Passport:Issuers:0:Audiences:0 is empty" },
        { "negative skew", new IssuerSettings { Name = "a", Issuer = "https://a.example", ClockSkewSeconds = -1 }, "Passport:Issuers:0:ClockSkewSeconds must be between 0 and 300" },
        { "huge skew", new IssuerSettings { Name = "a", Issuer = "https://a.example", ClockSkewSeconds = 301 }, "Passport:Issuers:0:ClockSkewSeconds must be between 0 and 300" },
        { "empty claim name", new IssuerSettings { Name = "a", Issuer = "https://a.example", Claims = new IssuerClaimSettings { Subject = "" } }, "Passport:Issuers:0:Claims:Subject must name a claim" },
    };

    [Theory]
    [MemberData(nameof(BadEntries))]
    public void A_bad_entry_is_one_problem_naming_its_setting(string why, IssuerSettings entry, string expected)
    {
        var problems = PassportGatewayOptionsValidator.Problems(With(entry));
        Assert.True(problems.Count == 1 && problems[0].StartsWith(expected, StringComparison.Ordinal), $"{why}: {string.Join(" | ", problems)}");
    }

    [Fact]
    public void Duplicate_names_and_issuers_are_refused_in_the_later_entry()
    {
        var problems = PassportGatewayOptionsValidator.Problems(With(
            new IssuerSettings { Name = "kc", Issuer = "https://kc.example" },
            new IssuerSettings { Name = "KC", Issuer = "https://kc.example" }));
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("Passport:Issuers:1:Name 'KC' is used by another entry", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Passport:Issuers:1:Issuer 'https://kc.example' is already configured", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_config_binds_issuers_from_configuration()
    {
        var problems = ConfigurationCheck.Run(
        [
            "--Passport:Issuer=https://idp.example", "--Passport:PublicOrigin=https://api.example",
            "--Passport:Issuers:0:Name=kc", "--Passport:Issuers:0:Issuer=https://kc.example",
            "--Passport:Issuers:0:Algorithms:0=HS256",
            "--ReverseProxy:Clusters:c:Destinations:d:Address=http://127.0.0.1:1",
            "--ReverseProxy:Routes:r1:ClusterId=c", "--ReverseProxy:Routes:r1:Match:Path=/a",
        ]);
        var problem = Assert.Single(problems);
        Assert.StartsWith("Passport:Issuers:0:Algorithms:0", problem, StringComparison.Ordinal);
    }
}
