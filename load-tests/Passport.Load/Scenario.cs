namespace Passport.Load;

/// <summary>
/// A load scenario, NBomber-style: a name and an asynchronous step that sends exactly one request.
/// </summary>
/// <param name="Name">Short identifier used in reports, e.g. <c>bare-yarp</c>.</param>
/// <param name="Step">Sends one request and says whether the outcome was the expected one.</param>
public sealed record Scenario(string Name, Func<ScenarioContext, CancellationToken, ValueTask<StepResult>> Step)
{
    /// <summary>One line shown in reports.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>
    /// Called once between warm-up and the measured phase with the number of steps the measured phase may run,
    /// so client-side work (signing DPoP proofs) is done before measuring. Null when nothing needs preparing.
    /// </summary>
    public Func<long, CancellationToken, ValueTask>? PrepareMeasurement { get; init; }

    /// <summary>Scenario-specific results read after the measured phase (e.g. revocation enforcement time), or null.</summary>
    public Func<IReadOnlyDictionary<string, double>>? CollectExtra { get; init; }
}
