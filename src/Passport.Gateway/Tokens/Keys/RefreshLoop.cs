namespace Passport.Gateway.Tokens.Keys;

/// <summary>
/// The JWKS refresh schedule shared by the IdP's keys and every configured issuer's: fetch at start, retrying with
/// backoff (250 ms doubling to 10 s) until a set is loaded, then every <c>Jwks:RefreshSeconds</c>. A failed refresh
/// after a success keeps the loaded keys and waits a full period (the unknown-<c>kid</c> refetch covers rotations).
/// </summary>
internal static class RefreshLoop
{
    /// <param name="refresh">Fetches once; true when a set was loaded. Must not throw except on cancellation.</param>
    /// <param name="isLoaded">True when some set was loaded before.</param>
    /// <param name="period">Time between refreshes once loaded.</param>
    /// <param name="time">The clock the waits use.</param>
    /// <param name="stoppingToken">Stops the loop.</param>
    public static async Task RunAsync(Func<CancellationToken, Task<bool>> refresh, Func<bool> isLoaded, TimeSpan period, TimeProvider time, CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var loaded = await refresh(stoppingToken).ConfigureAwait(false);
                if (loaded || isLoaded())
                {
                    wait = period;
                    retry = TimeSpan.FromMilliseconds(250);
                }
                else
                {
                    wait = retry;
                    retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            try
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
