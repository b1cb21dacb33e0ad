namespace Passport.Benchmarks;

/// <summary>A clock frozen at one instant, so that a proof made in setup stays fresh for the whole run.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
