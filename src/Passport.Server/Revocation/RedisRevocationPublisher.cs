using Passport.AspNetCore.Redis;
using Passport.Server.Storage;
using StackExchange.Redis;

namespace Passport.Server.Revocation;

/// <summary>
/// Writes the set member first (<c>{prefix}revoked:dids</c>, <c>{prefix}rotated:dids</c>, <c>{prefix}revoked:grants</c>),
/// then publishes the event JSON on <c>{prefix}revocations</c>. On the IdP's one multiplexer (<see cref="RedisConnection"/>), shared with the replay store.
/// </summary>
internal sealed partial class RedisRevocationPublisher(RedisConnection redis, ILogger<RedisRevocationPublisher> logger)
    : IRevocationPublisher
{
    public bool Enabled => true;

    private string Prefix => redis.Prefix;

    public async Task<bool> TryPublishAsync(RevocationEvent revocation, CancellationToken cancellationToken)
    {
        try
        {
            var db = redis.Multiplexer.GetDatabase();
            var (set, member) = revocation.Type switch
            {
                RevocationEvent.RecordRevoked => (Prefix + "revoked:dids", revocation.Did),
                RevocationEvent.DidRotated => (Prefix + "rotated:dids", revocation.Did),
                _ => (Prefix + "revoked:grants", revocation.GrantId ?? ""),
            };
            await db.SetAddAsync(set, member);
            await db.PublishAsync(RedisChannel.Literal(Prefix + "revocations"), RevocationEventJson.Serialize(revocation));
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogPublishFailed(logger, revocation.Id, e.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "Publishing revocation event {EventId} to Redis failed ({Error}); the republisher will retry")]
    private static partial void LogPublishFailed(ILogger logger, long eventId, string error);
}
