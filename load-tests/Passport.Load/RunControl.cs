namespace Passport.Load;

/// <summary>Lets a step end the current phase early; the reason is kept in the report.</summary>
public sealed class RunControl : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private string? _reason;

    /// <summary>Why the phase ended early, or null.</summary>
    public string? StopReason => _reason;

    /// <summary>Cancelled when a step asked to stop.</summary>
    public CancellationToken StopToken => _stop.Token;

    /// <summary>Ends the current phase as soon as possible, recording <paramref name="reason"/> (first caller wins).</summary>
    public void Stop(string reason)
    {
        if (Interlocked.CompareExchange(ref _reason, reason, null) is null)
        {
            _stop.Cancel();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stop.Dispose();
}
