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

    /// <summary>
    /// The store's epoch: when its memory began, in Unix seconds, or 0 when it keeps no floor. Records made before the
    /// epoch may be lost (a Redis restart without persistence, a new process), so a proof whose <c>iat</c> is before
    /// epoch + the <c>iat</c> window cannot be checked and must be refused (<see cref="ReplayWindow.IsBeforeFloor"/>).
    /// Completes synchronously on the hot path (the epoch is cached).
    /// </summary>
    /// <exception cref="ReplayStoreUnavailableException">The epoch cannot be read: the caller must fail closed.</exception>
    ValueTask<long> GetEpochAsync() => ValueTask.FromResult(0L);
}
