namespace Passport.Load.Engine;

/// <summary>What one phase (warm-up or measured) did.</summary>
/// <param name="Completed">Steps completed (expected or not).</param>
/// <param name="Elapsed">Wall time from the first send to the last completion.</param>
/// <param name="Abandoned">Steps still in flight when the drain deadline passed (counted as status 0).</param>
/// <param name="StopReason">Why the phase ended early, or null.</param>
public sealed record PhaseOutcome(long Completed, TimeSpan Elapsed, long Abandoned, string? StopReason);
