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
}
