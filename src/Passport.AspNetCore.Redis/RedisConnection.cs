using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Passport.AspNetCore.Redis;

/// <summary>
/// The one <see cref="ConnectionMultiplexer"/> of a process (gateway: replay store and revocation cache; IdP: replay
/// store and revocation publisher). Connected on first use, never blocking start. Commands fail fast while
/// disconnected (no backlog), so an outage becomes a 503 (or a retried publish) at once instead of a hang; the
/// multiplexer reconnects by itself. Connect, async and sync timeouts are capped at 2000 ms.
/// </summary>
public sealed partial class RedisConnection : IRedisMultiplexerSource, IAsyncDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;
    private readonly ILogger _logger;

    /// <summary>
    /// A connection to <paramref name="configuration"/> (a StackExchange.Redis configuration string, e.g.
    /// <c>127.0.0.1:6379</c>), its keys and channels under <paramref name="prefix"/>, named <paramref name="clientName"/>
    /// unless the configuration names the client.
    /// </summary>
    public RedisConnection(string configuration, string prefix, string clientName, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        Prefix = prefix;
        _multiplexer = new Lazy<ConnectionMultiplexer>(() => Connect(configuration, clientName), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Key and channel prefix, <c>passport:</c> by default.</summary>
    public string Prefix { get; }

    /// <inheritdoc />
    public ConnectionMultiplexer Multiplexer => _multiplexer.Value;

    /// <inheritdoc />
    public bool IsConnected => _multiplexer.IsValueCreated && _multiplexer.Value.IsConnected;

    private ConnectionMultiplexer Connect(string configuration, string clientName)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 2000);
        options.ReconnectRetryPolicy ??= new LinearRetry(500);
        options.ClientName ??= clientName;
        var multiplexer = ConnectionMultiplexer.Connect(options);
        multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(_logger, e.EndPoint?.ToString() ?? "?", e.FailureType.ToString());
        multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(_logger, e.EndPoint?.ToString() ?? "?");
        return multiplexer;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated) await _multiplexer.Value.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} failed ({FailureType}); what needs it fails fast (503, or a retried publish) until it is back")]
    private static partial void LogConnectionFailed(ILogger logger, string endPoint, string failureType);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, string endPoint);
}
