namespace Passport.Load.Auth;

/// <summary>The system clock moved by a fixed offset: proofs signed ahead of time get an <c>iat</c> in the middle of the measured phase.</summary>
internal sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
