using Passport.Core.Protocol;
using Xunit;

namespace Passport.Core.Tests.Protocol;

/// <summary>The one prefix rule (IdP audience allow-list, gateway and AddPassport resource prefixes) and the RFC 8707 shape.</summary>
public sealed class ResourceIndicatorsTests
{
    [Theory]
    [InlineData("https://gw.example", "https://gw.example", true)]
    [InlineData("https://gw.example/", "https://gw.example", true)]
    [InlineData("https://gw.example/mcp", "https://gw.example", true)]
    [InlineData("https://gw.example/mcp", "https://gw.example/", true)]
    [InlineData("https://gw.example/mcp/tools", "https://gw.example/mcp", true)]
    [InlineData("https://gw.example.evil", "https://gw.example", false)]
    [InlineData("https://gw.example-x/mcp", "https://gw.example", false)]
    [InlineData("https://gw.example/mcpx", "https://gw.example/mcp", false)]
    [InlineData("https://gw.example/mcp#x", "https://gw.example", false)]
    [InlineData("https://GW.example/mcp", "https://gw.example", false)]
    [InlineData("http://gw.example/mcp", "https://gw.example", false)]
    [InlineData("https://gw.exampl", "https://gw.example", false)]
    public void At_or_below_a_prefix_only_at_a_path_boundary(string resource, string prefix, bool expected) =>
        Assert.Equal(expected, ResourceIndicators.IsAtOrBelow(resource, prefix));

    [Theory]
    [InlineData("https://gw.example", true)]
    [InlineData("https://gw.example/mcp", true)]
    [InlineData("http://127.0.0.1:8080/orders", true)]
    [InlineData("https://gw.example/mcp?x=1", false)]
    [InlineData("https://gw.example/mcp#f", false)]
    [InlineData("https://u:p@gw.example/mcp", false)]
    [InlineData("ftp://gw.example/mcp", false)]
    [InlineData("urn:x:y", false)]
    [InlineData("/mcp", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Well_formed_is_absolute_http_without_query_fragment_or_userinfo(string? resource, bool expected) =>
        Assert.Equal(expected, ResourceIndicators.IsWellFormed(resource));

    [Fact]
    public void An_over_long_resource_is_not_well_formed() =>
        Assert.False(ResourceIndicators.IsWellFormed("https://gw.example/" + new string('a', ResourceIndicators.MaxLength)));
}
