using System.Diagnostics;

namespace Passport.Gateway.Telemetry;

/// <summary>The gateway's OpenTelemetry names: one <see cref="ActivitySource"/> and one meter, both <c>Passport.Gateway</c>.</summary>
public static class GatewayTelemetry
{
    /// <summary>The ActivitySource and Meter name.</summary>
    public const string Name = "Passport.Gateway";

    internal static readonly ActivitySource Source = new(Name);

    /// <summary>Tags the current request span with the decision, when the span is recorded.</summary>
    internal static void TagDecision(string outcome, string reason)
    {
        var activity = Activity.Current;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("passport.outcome", outcome);
            activity.SetTag("passport.reason", reason);
        }
    }
}
