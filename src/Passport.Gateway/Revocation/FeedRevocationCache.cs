using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Passport.Gateway.Configuration;
using Passport.Gateway.Telemetry;
using Passport.Gateway.Tokens;

namespace Passport.Gateway.Revocation;

/// <summary>
/// <c>Revocation:Source=Feed</c>: polls <c>GET {FeedUri}?since={id}&amp;limit=500</c> every <c>PollIntervalMilliseconds</c>
/// and applies the events in id order. Until the first complete sync, and after <c>MaxStalenessSeconds</c> without one, it is not current.
/// </summary>
internal sealed partial class FeedRevocationCache : BackgroundService, IRevocationCache
{
    private const int PageSize = 500;

    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _time;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<FeedRevocationCache> _logger;
    private readonly string _feed;
    private readonly TimeSpan _interval;
    private readonly RevocationFreshness _freshness;
    private long _since;
    private bool _failing;

    public FeedRevocationCache(IOptions<PassportGatewayOptions> options, IHttpClientFactory http, TimeProvider time, GatewayMetrics metrics, ILogger<FeedRevocationCache> logger)
    {
        _http = http;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _feed = options.Value.EffectiveFeedUri;
        _interval = TimeSpan.FromMilliseconds(options.Value.Revocation.PollIntervalMilliseconds);
        _freshness = new RevocationFreshness(time, TimeSpan.FromSeconds(options.Value.Revocation.MaxStalenessSeconds));
    }

    public RevocationList List { get; } = new();

    public bool IsCurrent => _freshness.IsCurrent;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(stoppingToken).ConfigureAwait(false);
                _freshness.Confirm();
                if (_failing)
                {
                    _failing = false;
                    LogRecovered(_logger, _feed);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is HttpRequestException or JsonException or InvalidDataException or TaskCanceledException)
            {
                if (!_failing)
                {
                    _failing = true;
                    LogPollFailed(_logger, _feed, e.GetType().Name, e.Message);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            try
            {
                await Task.Delay(_interval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var client = _http.CreateClient(JwksKeySource.HttpClientName);
        while (true)
        {
            var uri = $"{_feed}{(_feed.Contains('?') ? '&' : '?')}since={_since.ToString(CultureInfo.InvariantCulture)}&limit={PageSize}";
            using var response = await client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw new HttpRequestException($"The feed answered {(int)response.StatusCode}.");
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("The feed body is not {events:[…], next}.");
            }
            var count = 0;
            var last = _since;
            foreach (var element in events.EnumerateArray())
            {
                count++;
                if (RevocationEvent.Read(element) is not { } e) continue;
                if (List.Apply(e))
                {
                    _metrics.RevocationApplied(e.Type, e.At is { } at ? _time.GetUtcNow() - at : TimeSpan.MinValue);
                    LogApplied(_logger, e.Type, e.Id);
                }
                if (e.Id > last) last = e.Id;
            }
            _since = NextCursor(root) is { } next && next > last ? next : last;
            if (count < PageSize) return;
        }
    }

    private static long? NextCursor(JsonElement root)
    {
        if (!root.TryGetProperty("next", out var next)) return null;
        if (next.ValueKind == JsonValueKind.Number && next.TryGetInt64(out var n)) return n;
        if (next.ValueKind == JsonValueKind.String && long.TryParse(next.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) return n;
        return null;
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Revocation feed {Feed} unreachable ({Error}: {Message}); serving the last known list until it is stale")]
    private static partial void LogPollFailed(ILogger logger, string feed, string error, string message);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Revocation feed {Feed} reachable again")]
    private static partial void LogRecovered(ILogger logger, string feed);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Applied revocation event {Type} #{Id}")]
    private static partial void LogApplied(ILogger logger, string type, long id);
}
