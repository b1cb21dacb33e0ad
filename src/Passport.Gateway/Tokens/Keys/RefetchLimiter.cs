namespace Passport.Gateway.Tokens.Keys;

/// <summary>
/// The rate limit on JWKS refetches triggered by an unknown <c>kid</c>, shared by the IdP's key source and every
/// configured issuer's: at most one attempt per <c>Jwks:MinRefetchIntervalSeconds</c>, and only one caller wins each slot
/// (the others answer from the keys in hand), so a flood of tokens with made-up <c>kid</c>s costs one fetch per interval.
/// </summary>
internal sealed class RefetchLimiter(TimeProvider time, TimeSpan minInterval)
{
    private long _last = long.MinValue;

    /// <summary>True when the caller may refetch now (and the slot is taken); false within the interval or when another caller won it.</summary>
    public bool TryAcquire()
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _last);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < minInterval) return false;
        return Interlocked.CompareExchange(ref _last, now, last) == last;
    }
}
