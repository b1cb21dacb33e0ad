using System.Text.Json;
using Passport.Gateway.Configuration;
using Passport.Gateway.Telemetry;
using Passport.Gateway.Tokens.Keys;

namespace Passport.Gateway.Tokens.Issuers;

/// <summary>
/// One configured issuer's signing keys: the JWKS at <c>JwksUri</c>, or at the <c>jwks_uri</c> of its metadata
/// (RFC 8414 / OpenID Connect discovery, re-read at every refresh). Keeps serving the last good set when the issuer is
/// down; an unknown <c>kid</c> triggers at most one refetch per <c>Jwks:MinRefetchIntervalSeconds</c> (the IdP's
/// <see cref="RefetchLimiter"/>). Metadata whose <c>issuer</c> is not the configured one (RFC 8414 §3.3) makes the issuer
/// unusable (<see cref="MetadataInvalid"/>) until a refresh finds it right.
/// </summary>
internal sealed partial class IssuerKeySource
{
    public const string HttpClientName = "passport-issuers";

    private readonly IssuerSettings _settings;
    private readonly IHttpClientFactory _http;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly RefetchLimiter _refetch;
    private readonly SemaphoreSlim _fetchLock = new(1, 1);
    private volatile ForeignJwks? _current;
    private volatile bool _metadataInvalid;

    public IssuerKeySource(IssuerSettings settings, TimeSpan minRefetch, IHttpClientFactory http, TimeProvider time, GatewayMetrics metrics, ILogger logger)
    {
        _settings = settings;
        _http = http;
        _metrics = metrics;
        _logger = logger;
        _refetch = new RefetchLimiter(time, minRefetch);
    }

    /// <summary>The entry's <c>Name</c>.</summary>
    public string Name => _settings.Name!;

    /// <summary>The keys in hand, or null before the first successful fetch.</summary>
    public ForeignJwks? Current => _current;

    public bool IsLoaded => _current is not null;

    /// <summary>True when the last metadata read named another issuer (RFC 8414 §3.3): no token of this issuer is accepted.</summary>
    public bool MetadataInvalid => _metadataInvalid;

    /// <summary>The state reported by <c>/readyz</c>: <c>ok</c>, <c>not loaded</c> or <c>metadata invalid</c>.</summary>
    public string Status => _metadataInvalid ? "metadata invalid" : _current is null ? "not loaded" : "ok";

    /// <summary>True when a cached token verified with <paramref name="keyId"/> may still be served: the key is still listed and the metadata is valid.</summary>
    public bool Honours(string keyId) => !_metadataInvalid && _current?.Find(keyId) is not null;

    /// <summary>Reads the metadata (unless <c>JwksUri</c> is set) and the JWKS; on failure the previous keys stay. True when a set was loaded.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _fetchLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var activity = GatewayTelemetry.Source.StartActivity("passport.issuer.jwks.refresh");
            using var client = _http.CreateClient(HttpClientName);
            var jwksUri = _settings.JwksUri is { Length: > 0 } explicitUri ? new Uri(explicitUri) : await DiscoverAsync(client, cancellationToken).ConfigureAwait(false);
            if (jwksUri is null)
            {
                _metrics.JwksRefresh("error");
                return false;
            }
            using var response = await client.GetAsync(jwksUri, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogFetchStatus(_logger, Name, jwksUri, (int)response.StatusCode);
                _metrics.JwksRefresh("error");
                return false;
            }
            var keys = ForeignJwks.TryParse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (keys is null || keys.KeyIds.Count == 0)
            {
                LogNoKeys(_logger, Name, jwksUri);
                _metrics.JwksRefresh("empty");
                return false;
            }
            _current = keys;
            _metrics.JwksRefresh("ok");
            LogLoaded(_logger, keys.KeyIds.Count, Name, jwksUri);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or UriFormatException)
        {
            if (cancellationToken.IsCancellationRequested) throw;
            LogFetchFailed(_logger, Name, e.GetType().Name, e.Message);
            _metrics.JwksRefresh("error");
            return false;
        }
        finally
        {
            _fetchLock.Release();
        }
    }

    /// <summary>For a token whose <c>kid</c> is unknown: refetch unless one was attempted within the rate limit. True when the key is now known.</summary>
    public async ValueTask<bool> TryRefetchForUnknownKeyAsync(string keyId)
    {
        if (!_refetch.TryAcquire()) return _current?.Find(keyId) is not null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await RefreshAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return _current?.Find(keyId) is not null;
    }

    // The jwks_uri of the first metadata document that answers; null (logged) when none does or one names another issuer.
    private async Task<Uri?> DiscoverAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var discovery = IssuerDiscoveries.TryParse(_settings.Discovery) ?? IssuerDiscovery.Auto;
        foreach (var url in IssuerMetadataUrls.For(_settings.Issuer!, discovery))
        {
            using var response = await client.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogFetchStatus(_logger, Name, url, (int)response.StatusCode);
                continue;
            }
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var root = document.RootElement;
            var issuer = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("issuer", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            // RFC 8414 §3.3: the issuer in the document must be identical to the one configured, or the document is not used.
            if (!string.Equals(issuer, _settings.Issuer, StringComparison.Ordinal))
            {
                _metadataInvalid = true;
                LogIssuerMismatch(_logger, Name, url, issuer ?? "(none)", _settings.Issuer!);
                return null;
            }
            var jwks = root.TryGetProperty("jwks_uri", out var j) && j.ValueKind == JsonValueKind.String ? j.GetString() : null;
            if (!Uri.TryCreate(jwks, UriKind.Absolute, out var jwksUri) || (jwksUri.Scheme != Uri.UriSchemeHttps && jwksUri.Scheme != Uri.UriSchemeHttp))
            {
                _metadataInvalid = true;
                LogNoJwksUri(_logger, Name, url);
                return null;
            }
            _metadataInvalid = false;
            return jwksUri;
        }
        return null;
    }

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Loaded {Count} signing key(s) of issuer {Name} from {Uri}")]
    private static partial void LogLoaded(ILogger logger, int count, string name, Uri uri);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "Issuer {Name}: {Uri} answered {Status}; keeping the previous keys")]
    private static partial void LogFetchStatus(ILogger logger, string name, Uri uri, int status);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning, Message = "Issuer {Name}: key fetch failed ({Error}: {Message}); keeping the previous keys")]
    private static partial void LogFetchFailed(ILogger logger, string name, string error, string message);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Warning, Message = "Issuer {Name}: JWKS at {Uri} holds no usable signing key; keeping the previous keys")]
    private static partial void LogNoKeys(ILogger logger, string name, Uri uri);

    [LoggerMessage(EventId = 1115, Level = LogLevel.Error, Message = "Issuer {Name}: metadata at {Uri} names issuer '{Found}', not the configured '{Configured}' (RFC 8414 §3.3); its tokens are refused")]
    private static partial void LogIssuerMismatch(ILogger logger, string name, Uri uri, string found, string configured);

    [LoggerMessage(EventId = 1116, Level = LogLevel.Error, Message = "Issuer {Name}: metadata at {Uri} has no http(s) jwks_uri; its tokens are refused")]
    private static partial void LogNoJwksUri(ILogger logger, string name, Uri uri);
}
