namespace Passport.AspNetCore.Refusals;

/// <summary>Carries the refusal of a request from the check that made it to the challenge or 403 that writes it.</summary>
/// <param name="Refusal">The refusal to write.</param>
public sealed record RefusalFeature(Refusal Refusal);
