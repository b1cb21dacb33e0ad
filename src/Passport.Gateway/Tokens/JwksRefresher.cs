using Microsoft.Extensions.Options;
using Passport.Gateway.Configuration;

namespace Passport.Gateway.Tokens;

/// <summary>Loads the JWKS at start (retrying with backoff until it succeeds) and refreshes it every <c>Jwks:RefreshSeconds</c>.</summary>
internal sealed class JwksRefresher(JwksKeySource keys, IOptions<PassportGatewayOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromMilliseconds(250);
        var period = TimeSpan.FromSeconds(options.Value.Jwks.RefreshSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var loaded = await keys.RefreshAsync(stoppingToken).ConfigureAwait(false);
                if (loaded || keys.IsLoaded)
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
