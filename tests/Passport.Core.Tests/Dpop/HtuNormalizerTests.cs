using Passport.Core.Dpop;

namespace Passport.Core.Tests.Dpop;

public class HtuNormalizerTests
{
    [Theory]
    [InlineData("https://API.Test/orders", "https://api.test/orders")]
    [InlineData("HTTPS://api.test:443/orders", "https://api.test/orders")]
    [InlineData("http://api.test:80/orders", "http://api.test/orders")]
    [InlineData("https://api.test:8443/orders", "https://api.test:8443/orders")]
    [InlineData("https://api.test", "https://api.test/")]
    [InlineData("https://api.test/orders?x=1#f", "https://api.test/orders")]
    [InlineData("https://[::1]:8443/a", "https://[::1]:8443/a")]
    [InlineData("https://[::1]/a", "https://[::1]/a")]
    public void Normalize_lowercases_scheme_and_host_drops_default_port_query_and_fragment(string uri, string expected) =>
        Assert.Equal(expected, HtuNormalizer.Normalize(uri));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/orders")]
    [InlineData("ftp://api.test/orders")]
    [InlineData("not a uri")]
    public void Normalize_returns_null_for_anything_but_an_absolute_http_uri(string? uri) =>
        Assert.Null(HtuNormalizer.Normalize(uri));
}
