using Microsoft.Extensions.Options;
using Passport.Gateway.Configuration;
using Passport.Gateway.Tokens.Keys;

namespace Passport.Gateway.Tokens;

/// <summary>Loads the IdP's JWKS at start (retrying with backoff until it succeeds) and refreshes it every <c>Jwks:RefreshSeconds</c>.</summary>
internal sealed class JwksRefresher(JwksKeySource keys, IOptions<PassportGatewayOptions> options, TimeProvider time) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        RefreshLoop.RunAsync(keys.RefreshAsync, () => keys.IsLoaded, TimeSpan.FromSeconds(options.Value.Jwks.RefreshSeconds), time, stoppingToken);
}
