using Passport.Server.Storage;

namespace Passport.Server.Revocation;

/// <summary>Publishes a freshly stored event at once and marks it published; on failure it stays unpublished for <see cref="RevocationRepublisher"/>.</summary>
internal sealed class RevocationNotifier(IRevocationPublisher publisher, IRevocationEventStore events)
{
    public async Task NotifyAsync(RevocationEvent revocation)
    {
        if (!publisher.Enabled) return;
        if (await publisher.TryPublishAsync(revocation, CancellationToken.None)) await events.MarkPublishedAsync(revocation.Id);
    }
}
