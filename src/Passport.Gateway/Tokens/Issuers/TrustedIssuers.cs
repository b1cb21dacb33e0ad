using Microsoft.Extensions.Options;
using Passport.Gateway.Configuration;
using Passport.Gateway.Telemetry;

namespace Passport.Gateway.Tokens.Issuers;

/// <summary>The configured issuers of <c>Passport:Issuers</c> by exact <c>iss</c>; empty when none is configured.</summary>
internal sealed class TrustedIssuers
{
    private readonly Dictionary<string, TrustedIssuer> _byIssuer = new(StringComparer.Ordinal);

    public TrustedIssuers(IOptions<PassportGatewayOptions> options, IHttpClientFactory http, TimeProvider time, GatewayMetrics metrics, ILoggerFactory loggers)
    {
        var o = options.Value;
        var minRefetch = TimeSpan.FromSeconds(o.Jwks.MinRefetchIntervalSeconds);
        var logger = loggers.CreateLogger<IssuerKeySource>();
        foreach (var settings in o.Issuers)
        {
            var validator = new ForeignTokenValidator(settings, o.EffectiveAudiences, time);
            _byIssuer[settings.Issuer!] = new TrustedIssuer(settings, validator, new IssuerKeySource(settings, minRefetch, http, time, metrics, logger));
        }
        All = [.. _byIssuer.Values];
    }

    public IReadOnlyList<TrustedIssuer> All { get; }

    public bool Any => All.Count > 0;

    /// <summary>The entry whose <c>Issuer</c> is exactly <paramref name="iss"/>, or null.</summary>
    public TrustedIssuer? Find(string? iss) => iss is not null && _byIssuer.TryGetValue(iss, out var issuer) ? issuer : null;
}
