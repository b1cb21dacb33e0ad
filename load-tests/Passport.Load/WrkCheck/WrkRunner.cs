namespace Passport.Load.WrkCheck;

/// <summary>Placeholder replaced below.</summary>
internal sealed class WrkRunner(Suite.SuiteOptions options, TextWriter output, TextWriter error)
{
    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        _ = options;
        _ = output;
        error.WriteLine("wrk cross-check not implemented yet");
        return Task.FromResult(2);
    }
}
