using System.Net;
using System.Net.Sockets;

namespace Passport.Core.Proxies;

/// <summary>
/// The proxies (IP addresses, CIDR ranges) whose <c>X-Forwarded-*</c> headers are believed: the <c>Passport:TrustedProxies</c>
/// setting of the gateway (public URL for <c>htu</c>) and of the IdP (client address for rate limits) alike.
/// </summary>
public sealed class TrustedProxyList
{
    private readonly IPNetwork[] _networks;

    /// <summary>Parses every entry; throws <see cref="ArgumentException"/> on one that <see cref="TryParseEntry"/> refuses.</summary>
    public TrustedProxyList(IEnumerable<string> entries)
    {
        _networks = entries.Select(e => TryParseEntry(e, out var n) ? n : throw new ArgumentException($"Invalid trusted proxy '{e}'.")).ToArray();
    }

    /// <summary>True when no proxy is trusted: forwarded headers are then ignored.</summary>
    public bool IsEmpty => _networks.Length == 0;

    /// <summary>Whether <paramref name="address"/> (an IPv4-mapped IPv6 address counts as its IPv4 address) is a trusted proxy.</summary>
    public bool Contains(IPAddress? address)
    {
        if (address is null || _networks.Length == 0) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in _networks)
        {
            if (network.Contains(address)) return true;
        }
        return false;
    }

    /// <summary>
    /// One message per entry that <see cref="TryParseEntry"/> refuses, naming it as <c>{setting}:{index}</c>
    /// (e.g. <c>Passport:TrustedProxies:1</c>), for the options validators of the gateway and the IdP.
    /// </summary>
    public static IEnumerable<string> Problems(IReadOnlyList<string> entries, string setting)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (!TryParseEntry(entries[i], out _))
            {
                yield return $"{setting}:{i} '{entries[i]}' is not an IP address or CIDR range (e.g. 10.0.0.0/8).";
            }
        }
    }

    /// <summary>Parses one entry: an IP address (<c>10.1.2.3</c>, <c>::1</c>) or a CIDR range (<c>10.0.0.0/8</c>, <c>fd00::/8</c>).</summary>
    public static bool TryParseEntry(string? entry, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(entry)) return false;
        entry = entry.Trim();
        if (entry.Contains('/')) return IPNetwork.TryParse(entry, out network);
        if (!IPAddress.TryParse(entry, out var address)) return false;
        network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }
}
