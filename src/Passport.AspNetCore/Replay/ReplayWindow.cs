namespace Passport.AspNetCore.Replay;

/// <summary>How long a proof's (jkt, jti) must be remembered: until its <c>iat</c> can no longer pass the window check.</summary>
public static class ReplayWindow
{
    /// <summary>
    /// <c>iat + window + 1 s − now</c>, at least one second: a proof with that <c>iat</c> is refused as stale after it,
    /// so forgetting it then cannot let it be replayed.
    /// </summary>
    public static TimeSpan TimeToLive(long issuedAt, TimeSpan window, DateTimeOffset now)
    {
        var seconds = issuedAt + (long)window.TotalSeconds + 1 - now.ToUnixTimeSeconds();
        return TimeSpan.FromSeconds(Math.Max(seconds, 1));
    }

    /// <summary>
    /// True when a proof issued at <paramref name="issuedAt"/> (Unix seconds) is below the replay floor of a store whose
    /// memory began at <paramref name="epoch"/> (Unix seconds; 0 = no floor): <c>iat &lt; epoch + window</c>. Such a proof
    /// may have been accepted before the store lost its records (an <c>iat</c> may run up to one window ahead of the clock),
    /// so it cannot be checked. A client's fresh proofs pass again once its clock reaches epoch + window.
    /// </summary>
    public static bool IsBeforeFloor(long issuedAt, long epoch, TimeSpan window) =>
        epoch > 0 && issuedAt < epoch + (long)window.TotalSeconds;
}
