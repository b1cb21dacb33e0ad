using Passport.AspNetCore;
using Passport.AspNetCore.Refusals;

namespace Passport.Gateway.Telemetry;

/// <summary>Feeds the scheme's measurements into the gateway meters (verification duration, requests by reason, replay latency).</summary>
internal sealed class GatewayAuthenticationMetrics(GatewayMetrics metrics) : IPassportAuthenticationMetrics
{
    public void Authenticated(long startedTimestamp) => metrics.Verification(startedTimestamp);

    public void Refused(Refusal refusal, long startedTimestamp)
    {
        // 0: refused by authorization (route policy), after a verification already measured.
        if (startedTimestamp != 0) metrics.Verification(startedTimestamp);
        metrics.Request(refusal.IsUnavailable ? "unavailable" : "refused", refusal.Reason);
    }

    public void ReplayChecked(string storeKind, long startedTimestamp) => metrics.Replay(startedTimestamp, storeKind);
}
