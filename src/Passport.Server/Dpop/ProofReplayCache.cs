using System.Collections.Concurrent;

namespace Passport.Server.Dpop;

/// <summary>
/// Remembers (jkt, jti) of accepted DPoP proofs at the IdP until their <c>iat</c> leaves the acceptance window, so a
/// proof is accepted once. Bounded: when full of live entries it refuses (fails closed) instead of forgetting.
/// </summary>
internal sealed class ProofReplayCache(TimeProvider time)
{
    public const int Capacity = 200_000;
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);

    public enum Outcome
    {
        Accepted,
        Replayed,
        Full,
    }

    /// <summary>Records the proof; <see cref="Outcome.Replayed"/> when it was seen before.</summary>
    public Outcome TryRecord(string jkt, string jti, long issuedAt, TimeSpan window)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (_seen.Count >= Capacity)
        {
            foreach (var (key, expiry) in _seen)
            {
                if (expiry < now) _seen.TryRemove(key, out _);
            }
            if (_seen.Count >= Capacity) return Outcome.Full;
        }
        var expiresAt = Math.Max(issuedAt, now) + (long)window.TotalSeconds + 5;
        return _seen.TryAdd(jkt + ":" + jti, expiresAt) ? Outcome.Accepted : Outcome.Replayed;
    }
}
