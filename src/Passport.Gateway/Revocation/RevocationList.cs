using System.Collections.Concurrent;

namespace Passport.Gateway.Revocation;

/// <summary>The three sets of docs/api-contract.md: revoked DIDs, rotated (old) DIDs, revoked grant ids. Lookups are lock-free.</summary>
internal sealed class RevocationList
{
    private readonly ConcurrentDictionary<string, byte> _revokedDids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _rotatedDids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _revokedGrants = new(StringComparer.Ordinal);

    public bool IsRevoked(string did) => !_revokedDids.IsEmpty && _revokedDids.ContainsKey(did);

    public bool IsRotated(string did) => !_rotatedDids.IsEmpty && _rotatedDids.ContainsKey(did);

    public bool IsGrantRevoked(string grantId) => !_revokedGrants.IsEmpty && _revokedGrants.ContainsKey(grantId);

    public int Count => _revokedDids.Count + _rotatedDids.Count + _revokedGrants.Count;

    /// <summary>Applies one event; false when its type is unknown or it names nothing.</summary>
    public bool Apply(RevocationEvent e) => e.Type switch
    {
        RevocationEvent.RecordRevoked when e.Did is not null => _revokedDids.TryAdd(e.Did, 0) || true,
        RevocationEvent.DidRotated when e.Did is not null => _rotatedDids.TryAdd(e.Did, 0) || true,
        RevocationEvent.GrantRevoked when e.GrantId is not null => _revokedGrants.TryAdd(e.GrantId, 0) || true,
        _ => false,
    };

    /// <summary>Adds the members of a full snapshot. Entries are never removed: revocations and rotations are final.</summary>
    public void AddAll(IEnumerable<string> revokedDids, IEnumerable<string> rotatedDids, IEnumerable<string> revokedGrants)
    {
        foreach (var did in revokedDids) _revokedDids.TryAdd(did, 0);
        foreach (var did in rotatedDids) _rotatedDids.TryAdd(did, 0);
        foreach (var grant in revokedGrants) _revokedGrants.TryAdd(grant, 0);
    }
}
