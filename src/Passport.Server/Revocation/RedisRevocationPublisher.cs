using Microsoft.Extensions.Options;
using Passport.Server.Configuration;
using Passport.Server.Storage;
using StackExchange.Redis;

namespace Passport.Server.Revocation;

/// <summary>
/// Writes the set member first (<c>{prefix}revoked:dids</c>, <c>{prefix}rotated:dids</c>, <c>{prefix}revoked:grants</c>),
/// then publishes the event JSON on <c>{prefix}revocations</c>. One shared multiplexer, connected lazily, never blocking start.
/// </summary>
internal sealed partial class RedisRevocationPublisher(IOptions<PassportServerOptions> options, ILogger<RedisRevocationPublisher> logger)
    : IRevocationPublisher, IAsyncDisposable
{
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private ConnectionMultiplexer? _connection;

    public bool Enabled => true;

    private string Prefix => options.Value.Redis.KeyPrefix;

    public async Task<bool> TryPublishAsync(RevocationEvent revocation, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await ConnectAsync();
            var db = connection.GetDatabase();
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

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        if (_connection is not null) return _connection;
        await _connectGate.WaitAsync();
        try
        {
            if (_connection is not null) return _connection;
            var config = ConfigurationOptions.Parse(options.Value.Redis.Configuration!);
            config.AbortOnConnectFail = false;
            config.ConnectTimeout = 2000;
            config.SyncTimeout = 2000;
            config.AsyncTimeout = 2000;
            return _connection = await ConnectionMultiplexer.ConnectAsync(config);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "Publishing revocation event {EventId} to Redis failed ({Error}); the republisher will retry")]
    private static partial void LogPublishFailed(ILogger logger, long eventId, string error);
}
