using Microsoft.Extensions.Options;
using NSec.Cryptography;
using Passport.Core.Errors;
using Passport.Core.Tokens;
using Passport.Gateway.Configuration;
using Passport.Gateway.Telemetry;
using Passport.Gateway.Tokens.Keys;

namespace Passport.Gateway.Tokens;

/// <summary>
/// The IdP's token-signing keys, fetched from <c>JwksUri</c>. Keeps serving the last good set when the IdP is down;
/// an unknown <c>kid</c> triggers at most one refetch per <c>Jwks:MinRefetchIntervalSeconds</c> (single flight).
/// </summary>
internal sealed partial class JwksKeySource : ISigningKeyResolver
{
    public const string HttpClientName = "passport-idp";

    private readonly IHttpClientFactory _http;
    private readonly ILogger<JwksKeySource> _logger;
    private readonly GatewayMetrics _metrics;
    private readonly Uri _uri;
    private readonly RefetchLimiter _refetch;
    private readonly SemaphoreSlim _fetchLock = new(1, 1);
    private volatile JwksSigningKeys? _current;

    public JwksKeySource(IOptions<PassportGatewayOptions> options, IHttpClientFactory http, TimeProvider time, GatewayMetrics metrics, ILogger<JwksKeySource> logger)
    {
        _http = http;
        _metrics = metrics;
        _logger = logger;
        _uri = new Uri(options.Value.EffectiveJwksUri);
        _refetch = new RefetchLimiter(time, TimeSpan.FromSeconds(options.Value.Jwks.MinRefetchIntervalSeconds));
    }

    public bool IsLoaded => _current is not null;

    public PublicKey? Find(string keyId) => _current?.Find(keyId);

    /// <summary>Fetches the JWKS now; on failure the previous keys stay in use. True when a set was loaded.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _fetchLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var activity = GatewayTelemetry.Source.StartActivity("passport.jwks.refresh");
            using var client = _http.CreateClient(HttpClientName);
            using var response = await client.GetAsync(_uri, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogFetchStatus(_logger, _uri, (int)response.StatusCode);
                _metrics.JwksRefresh("error");
                return false;
            }
            var json = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var keys = JwksSigningKeys.Parse(json);
            if (keys.KeyIds.Count == 0)
            {
                LogNoKeys(_logger, _uri);
                _metrics.JwksRefresh("empty");
                return false;
            }
            _current = keys;
            _metrics.JwksRefresh("ok");
            LogLoaded(_logger, keys.KeyIds.Count, _uri);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or PassportFormatException)
        {
            if (cancellationToken.IsCancellationRequested) throw;
            LogFetchFailed(_logger, _uri, e.GetType().Name, e.Message);
            _metrics.JwksRefresh("error");
            return false;
        }
        finally
        {
            _fetchLock.Release();
        }
    }

    /// <summary>For a token whose <c>kid</c> is unknown: refetch unless one was attempted within the rate limit. True when the keys changed.</summary>
    public async ValueTask<bool> TryRefetchForUnknownKeyAsync(string keyId)
    {
        if (!_refetch.TryAcquire()) return Find(keyId) is not null;
        var before = _current;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await RefreshAsync(timeout.Token).ConfigureAwait(false);
        return !ReferenceEquals(before, _current) && Find(keyId) is not null;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Loaded {Count} signing key(s) from {Uri}")]
    private static partial void LogLoaded(ILogger logger, int count, Uri uri);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "JWKS fetch from {Uri} answered {Status}; keeping the previous keys")]
    private static partial void LogFetchStatus(ILogger logger, Uri uri, int status);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "JWKS fetch from {Uri} failed ({Error}: {Message}); keeping the previous keys")]
    private static partial void LogFetchFailed(ILogger logger, Uri uri, string error, string message);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "JWKS at {Uri} holds no usable Ed25519 signing key; keeping the previous keys")]
    private static partial void LogNoKeys(ILogger logger, Uri uri);
}
