namespace Passport.Load;

/// <summary>How load is applied: an open model (fixed arrival rate) or a closed model (fixed number of virtual users).</summary>
public abstract record LoadModel
{
    /// <summary>Short description for reports, e.g. <c>open 1000/s</c>.</summary>
    public abstract string Describe();
}

/// <summary>
/// Open model: requests are started at a constant rate whatever the responses do (the scheduler never waits on a
/// response). Latency is measured from each request's <em>intended</em> send time, which corrects coordinated
/// omission the way wrk2 does.
/// </summary>
/// <param name="RatePerSecond">Arrival rate, requests per second.</param>
public sealed record OpenModel(double RatePerSecond) : LoadModel
{
    /// <inheritdoc />
    public override string Describe() => FormattableString.Invariant($"open {RatePerSecond:0}/s");
}

/// <summary>Closed model: <paramref name="Users"/> virtual users, each sending its next request as soon as the previous one completes.</summary>
/// <param name="Users">Number of concurrent virtual users.</param>
public sealed record ClosedModel(int Users) : LoadModel
{
    /// <inheritdoc />
    public override string Describe() => FormattableString.Invariant($"closed {Users} users");
}
