using System.Net;
using Passport.Core.Proxies;

namespace Passport.Core.Tests.Proxies;

public class TrustedProxyListTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.0.0.2", false)]
    [InlineData(" 192.168.1.0/24 ", "192.168.1.200", true)]
    [InlineData("10.0.0.0/8", "::ffff:10.9.9.9", true)]
    [InlineData("127.0.0.1", "::ffff:127.0.0.1", true)]
    [InlineData("fd00::/8", "fd12::1", true)]
    [InlineData("fd00::/8", "fe80::1", false)]
    [InlineData("::1", "::1", true)]
    [InlineData("::1", "127.0.0.1", false)]
    [InlineData("10.0.0.0/8", "::1", false)]
    public void Contains_matches_addresses_and_ranges_with_ipv4_mapped_addresses_as_ipv4(string entry, string address, bool expected) =>
        Assert.Equal(expected, new TrustedProxyList([entry]).Contains(IPAddress.Parse(address)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("nonsense")]
    [InlineData("10.0.0.0/33")]
    [InlineData("proxy.example.com")]
    [InlineData("10.0.0.0/")]
    public void TryParseEntry_refuses_what_is_not_an_address_or_range(string? entry)
    {
        Assert.False(TrustedProxyList.TryParseEntry(entry, out _));
        Assert.Throws<ArgumentException>(() => new TrustedProxyList([entry!]));
    }

    [Fact]
    public void An_empty_list_trusts_no_one()
    {
        var list = new TrustedProxyList([]);
        Assert.True(list.IsEmpty);
        Assert.False(list.Contains(IPAddress.Loopback));
        Assert.False(new TrustedProxyList(["10.0.0.0/8"]).Contains(null));
    }
}
