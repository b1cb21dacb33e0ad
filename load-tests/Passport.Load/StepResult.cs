namespace Passport.Load;

/// <summary>The outcome of one step (one request): whether it was the expected outcome, and the HTTP status code (0 = no response).</summary>
/// <param name="Ok">True when the scenario got what it expected (a 200 for a valid request, a refusal for an invalid one).</param>
/// <param name="StatusCode">The HTTP status code, or 0 when no response arrived (connection error, timeout).</param>
public readonly record struct StepResult(bool Ok, int StatusCode)
{
    /// <summary>An expected outcome with <paramref name="statusCode"/>.</summary>
    public static StepResult Success(int statusCode) => new(true, statusCode);

    /// <summary>An unexpected outcome with <paramref name="statusCode"/> (0 = no response).</summary>
    public static StepResult Failure(int statusCode) => new(false, statusCode);

    /// <summary>Nothing was sent (e.g. the proof pool ran out); not recorded. Call <see cref="RunControl.Stop"/> as well.</summary>
    public static StepResult NotSent { get; } = new(false, -1);
}
