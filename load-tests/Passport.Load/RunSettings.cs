namespace Passport.Load;

/// <summary>How long and how a scenario runs. Every phase is bounded in time.</summary>
public sealed record RunSettings
{
    /// <summary>The load model.</summary>
    public required LoadModel Model { get; init; }

    /// <summary>Warm-up (JIT, connection pools, caches); excluded from every statistic.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The measured phase.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a request may take before it is abandoned and counted as status 0.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Print the live progress line on stderr once per second.</summary>
    public bool Progress { get; init; } = true;
}
