namespace Passport.AspNetCore.Replay;

/// <summary>Records DPoP proofs by (jkt, jti) so that each is accepted once (RFC 9449 §11.1).</summary>
public interface IReplayStore
{
    /// <summary>The store kind for telemetry: <c>memory</c> or <c>redis</c>.</summary>
    string Kind { get; }

    /// <summary>True when reachable (readiness).</summary>
    bool IsAvailable { get; }

    /// <summary>Records the pair for <paramref name="ttl"/>. True on first sighting, false when seen before.</summary>
    /// <exception cref="ReplayStoreUnavailableException">The store cannot be reached: the caller must fail closed.</exception>
    ValueTask<bool> TryRecordAsync(string jkt, string jti, TimeSpan ttl);
}
