using Microsoft.Extensions.Options;
using Passport.Server.Configuration;
using Passport.Server.Storage;

namespace Passport.Server.Revocation;

/// <summary>Re-publishes events whose publish failed (published = 0), in id order, every <c>Passport:Redis:RepublishIntervalSeconds</c>.</summary>
internal sealed partial class RevocationRepublisher(IRevocationPublisher publisher, IRevocationEventStore events,
    IOptions<PassportServerOptions> options, TimeProvider time, ILogger<RevocationRepublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!publisher.Enabled) return;
        var interval = TimeSpan.FromSeconds(options.Value.Redis.RepublishIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RepublishAsync(stoppingToken);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                LogStorageUnavailable(logger, e.GetType().Name);
            }
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: publishes pending events in order and stops at the first failure (order is kept).</summary>
    internal async Task<int> RepublishAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        foreach (var revocation in await events.ListUnpublishedAsync(500))
        {
            if (!await publisher.TryPublishAsync(revocation, cancellationToken)) break;
            await events.MarkPublishedAsync(revocation.Id);
            published++;
        }
        return published;
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Revocation republisher could not read the feed ({Error})")]
    private static partial void LogStorageUnavailable(ILogger logger, string error);
}
