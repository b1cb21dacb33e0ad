using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Passport.Gateway.Telemetry;

/// <summary>The gateway's instruments (docs/operations.md lists them). Tag values are fixed strings: recording allocates nothing.</summary>
internal sealed class GatewayMetrics
{
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _verification;
    private readonly Histogram<double> _replay;
    private readonly Counter<long> _tokenCache;
    private readonly Counter<long> _jwks;
    private readonly Histogram<double> _revocationLag;
    private readonly Counter<long> _revocationEvents;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(GatewayTelemetry.Name);
        _requests = meter.CreateCounter<long>("passport.gateway.requests", "{request}", "Requests decided by the gateway, by outcome and reason.");
        _verification = meter.CreateHistogram<double>("passport.gateway.verification.duration", "s", "Time to authenticate a request (token, proof, replay, status).");
        _replay = meter.CreateHistogram<double>("passport.gateway.replay.duration", "s", "Latency of one replay-store record.");
        _tokenCache = meter.CreateCounter<long>("passport.gateway.token_cache.lookups", "{lookup}", "Verified-token cache lookups by result (hit, miss).");
        _jwks = meter.CreateCounter<long>("passport.gateway.jwks.refreshes", "{refresh}", "JWKS fetches by result.");
        _revocationLag = meter.CreateHistogram<double>("passport.gateway.revocation.lag", "s", "Time from a revocation event's 'at' to its enforcement here.");
        _revocationEvents = meter.CreateCounter<long>("passport.gateway.revocation.events", "{event}", "Revocation events applied, by type.");
    }

    public void Request(string outcome, string reason)
    {
        _requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("reason", reason));
        GatewayTelemetry.TagDecision(outcome, reason);
    }

    public void Verification(long startTimestamp) => _verification.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);

    public void Replay(long startTimestamp, string store) =>
        _replay.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("store", store));

    public void TokenCache(bool hit) => _tokenCache.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public void JwksRefresh(string result) => _jwks.Add(1, new KeyValuePair<string, object?>("result", result));

    public void RevocationApplied(string type, TimeSpan lag)
    {
        _revocationEvents.Add(1, new KeyValuePair<string, object?>("type", type));
        if (lag >= TimeSpan.Zero) _revocationLag.Record(lag.TotalSeconds, new KeyValuePair<string, object?>("type", type));
    }
}
