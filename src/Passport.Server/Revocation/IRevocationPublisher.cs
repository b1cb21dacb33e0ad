using Passport.Server.Storage;

namespace Passport.Server.Revocation;

/// <summary>Pushes a stored revocation event to gateways (Redis set + pub/sub). The feed stays the source of truth.</summary>
internal interface IRevocationPublisher
{
    /// <summary>False when publishing is not configured.</summary>
    bool Enabled { get; }

    /// <summary>Publishes; true on success, false on failure (the republisher retries).</summary>
    Task<bool> TryPublishAsync(RevocationEvent revocation, CancellationToken cancellationToken);
}

/// <summary>The publisher when <c>Passport:Redis:Configuration</c> is empty: gateways poll the feed.</summary>
internal sealed class FeedOnlyPublisher : IRevocationPublisher
{
    public bool Enabled => false;

    public Task<bool> TryPublishAsync(RevocationEvent revocation, CancellationToken cancellationToken) => Task.FromResult(false);
}
