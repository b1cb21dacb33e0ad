using Passport.AspNetCore.Refusals;

namespace Passport.AspNetCore;

/// <summary>
/// Measurements of the request path, for hosts with telemetry (the gateway's meters). Called on every request, so
/// implementations must not allocate. The default records nothing.
/// </summary>
public interface IPassportAuthenticationMetrics
{
    /// <summary>A request passed authentication; <paramref name="startedTimestamp"/> is its <see cref="System.Diagnostics.Stopwatch"/> start.</summary>
    void Authenticated(long startedTimestamp);

    /// <summary>
    /// A request was refused: during authentication (<paramref name="startedTimestamp"/> is its start) or by authorization
    /// (<paramref name="startedTimestamp"/> is 0).
    /// </summary>
    void Refused(Refusal refusal, long startedTimestamp);

    /// <summary>A proof was recorded (or refused) by the replay store of kind <paramref name="storeKind"/>.</summary>
    void ReplayChecked(string storeKind, long startedTimestamp);
}

/// <summary>The default metrics: none.</summary>
public sealed class NoPassportMetrics : IPassportAuthenticationMetrics
{
    /// <inheritdoc />
    public void Authenticated(long startedTimestamp)
    {
    }

    /// <inheritdoc />
    public void Refused(Refusal refusal, long startedTimestamp)
    {
    }

    /// <inheritdoc />
    public void ReplayChecked(string storeKind, long startedTimestamp)
    {
    }
}
