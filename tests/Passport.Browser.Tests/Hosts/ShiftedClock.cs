namespace Passport.Browser.Tests.Hosts;

/// <summary>The system clock plus an offset a test moves forward, to make a real IdP see its links expire.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    /// <summary>Moves this clock <paramref name="by"/> forward.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
