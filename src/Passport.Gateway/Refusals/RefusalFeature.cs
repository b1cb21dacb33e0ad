namespace Passport.Gateway.Refusals;

/// <summary>Carries the refusal of a request from the check that made it to the challenge or 403 that writes it.</summary>
internal sealed record RefusalFeature(Refusal Refusal);
