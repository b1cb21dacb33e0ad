using Microsoft.Extensions.Options;
using Passport.Gateway.Configuration;
using Passport.Gateway.Tokens.Keys;

namespace Passport.Gateway.Tokens.Issuers;

/// <summary>Runs the shared <see cref="RefreshLoop"/> for every configured issuer, independently (one down issuer delays no other).</summary>
internal sealed class TrustedIssuersRefresher(TrustedIssuers issuers, IOptions<PassportGatewayOptions> options, TimeProvider time) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.Jwks.RefreshSeconds);
        return Task.WhenAll(issuers.All.Select(i => RefreshLoop.RunAsync(i.Keys.RefreshAsync, () => i.Keys.IsLoaded, period, time, stoppingToken)));
    }
}
