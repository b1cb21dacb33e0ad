using Microsoft.Extensions.Options;
using Passport.AspNetCore.Redis;
using Passport.Gateway.Configuration;
using StackExchange.Redis;

namespace Passport.Gateway.Redis;

/// <summary>
/// The one <see cref="ConnectionMultiplexer"/> of the process, shared by the replay store and the revocation cache.
/// Commands fail fast while disconnected (no backlog), so an outage becomes a 503 at once instead of a hang;
/// the multiplexer reconnects by itself.
/// </summary>
internal sealed partial class RedisConnection : IRedisMultiplexerSource, IAsyncDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;
    private readonly ILogger<RedisConnection> _logger;

    public RedisConnection(IOptions<PassportGatewayOptions> options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        Prefix = options.Value.Redis.KeyPrefix;
        var configuration = options.Value.Redis.Configuration ?? "";
        _multiplexer = new Lazy<ConnectionMultiplexer>(() => Connect(configuration), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Key and channel prefix, <c>passport:</c> by default.</summary>
    public string Prefix { get; }

    public ConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public bool IsConnected => _multiplexer.IsValueCreated && _multiplexer.Value.IsConnected;

    private ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 2000);
        options.ReconnectRetryPolicy ??= new LinearRetry(500);
        options.ClientName ??= "passport-gateway";
        var multiplexer = ConnectionMultiplexer.Connect(options);
        multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(_logger, e.EndPoint?.ToString() ?? "?", e.FailureType.ToString());
        multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(_logger, e.EndPoint?.ToString() ?? "?");
        return multiplexer;
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated) await _multiplexer.Value.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} failed ({FailureType}); refusing requests that need it until it is back")]
    private static partial void LogConnectionFailed(ILogger logger, string endPoint, string failureType);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, string endPoint);
}
