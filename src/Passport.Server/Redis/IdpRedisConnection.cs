using Microsoft.Extensions.Options;
using Passport.AspNetCore.Redis;
using Passport.Server.Configuration;
using StackExchange.Redis;

namespace Passport.Server.Redis;

/// <summary>
/// The IdP's one <see cref="ConnectionMultiplexer"/> (<c>Passport:Redis:Configuration</c>), shared by the revocation
/// publisher and the replay store. Connected on first use, never blocking start; commands fail fast while disconnected
/// (no backlog), so an outage becomes a 503 or a retried publish at once instead of a hang; it reconnects by itself.
/// </summary>
internal sealed partial class IdpRedisConnection : IRedisMultiplexerSource, IAsyncDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;
    private readonly ILogger<IdpRedisConnection> _logger;

    public IdpRedisConnection(IOptions<PassportServerOptions> options, ILogger<IdpRedisConnection> logger)
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
        options.ClientName ??= "passport-server";
        var multiplexer = ConnectionMultiplexer.Connect(options);
        multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(_logger, e.EndPoint?.ToString() ?? "?", e.FailureType.ToString());
        multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(_logger, e.EndPoint?.ToString() ?? "?");
        return multiplexer;
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated) await _multiplexer.Value.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} failed ({FailureType}); replay checks answer 503 and revocations wait for the republisher until it is back")]
    private static partial void LogConnectionFailed(ILogger logger, string endPoint, string failureType);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, string endPoint);
}
