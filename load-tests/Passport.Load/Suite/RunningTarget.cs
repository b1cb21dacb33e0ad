using Passport.Load.Metrics;
using Passport.Load.Processes;

namespace Passport.Load.Suite;

/// <summary>A started target: where requests go, the processes it owns (stopped on dispose) and the processes to sample.</summary>
public sealed class RunningTarget(string name, Uri baseUri, IReadOnlyList<ChildProcess> owned, IReadOnlyList<MeasuredProcess> measured, RedisProcess? redis = null) : IAsyncDisposable
{
    /// <summary>Scenario/target name.</summary>
    public string Name { get; } = name;

    /// <summary>Base URI requests are sent to.</summary>
    public Uri BaseUri { get; } = baseUri;

    /// <summary>Processes sampled for CPU (target, upstream, Redis, the load client).</summary>
    public IReadOnlyList<MeasuredProcess> Measured { get; } = measured;

    /// <summary>The Redis server of this target, if any.</summary>
    public RedisProcess? Redis { get; } = redis;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var process in owned)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync().ConfigureAwait(false);
        }
    }
}
