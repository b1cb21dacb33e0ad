using System.Net;

namespace Passport.AspNetCore.Dpop;

/// <summary>The proxies (IP addresses, CIDR ranges) whose <c>X-Forwarded-*</c> headers may change the public URL of a request.</summary>
public sealed class TrustedProxyList
{
    private readonly IPNetwork[] _networks;

    /// <summary>The list of <paramref name="entries"/>: IP addresses or CIDR ranges.</summary>
    /// <exception cref="ArgumentException">An entry is neither.</exception>
    public TrustedProxyList(IEnumerable<string> entries)
    {
        _networks = entries.Select(e => TryParseEntry(e, out var n) ? n : throw new ArgumentException($"Invalid trusted proxy '{e}'.")).ToArray();
    }

    /// <summary>True when no proxy is trusted.</summary>
    public bool IsEmpty => _networks.Length == 0;

    /// <summary>True when <paramref name="address"/> is a trusted proxy.</summary>
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

    /// <summary>Parses one entry: an IP address or a CIDR range.</summary>
    public static bool TryParseEntry(string? entry, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(entry)) return false;
        entry = entry.Trim();
        if (entry.Contains('/')) return IPNetwork.TryParse(entry, out network);
        if (!IPAddress.TryParse(entry, out var address)) return false;
        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }
}
