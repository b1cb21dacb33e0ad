using Passport.Core.Errors;
using Passport.Core.Tokens;

namespace InAppApi;

/// <summary>
/// The IdP's token-signing keys for <c>AddPassport</c>'s default token verifier: the JWKS at
/// <c>{Issuer}/.well-known/jwks.json</c>, loaded at start and refreshed every five minutes (the last good set stays in use
/// when the IdP is unreachable). A production API would also refetch on an unknown <c>kid</c>, as the gateway does.
/// </summary>
public sealed partial class IdpSigningKeys(IHttpClientFactory http, InAppSettings settings, ILogger<IdpSigningKeys> logger)
    : BackgroundService, ISigningKeyResolver
{
    private volatile JwksSigningKeys? _keys;

    /// <summary>True once a JWKS was loaded (readiness).</summary>
    public bool IsLoaded => _keys is not null;

    /// <inheritdoc />
    public NSec.Cryptography.PublicKey? Find(string keyId) => _keys?.Find(keyId);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var uri = new Uri(settings.Issuer.TrimEnd('/') + "/.well-known/jwks.json");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var client = http.CreateClient();
                client.Timeout = TimeSpan.FromSeconds(5);
                _keys = JwksSigningKeys.Parse(await client.GetStringAsync(uri, stoppingToken));
                await Task.Delay(TimeSpan.FromMinutes(5), stoppingToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or PassportFormatException && !stoppingToken.IsCancellationRequested)
            {
                LogFetchFailed(logger, uri, e.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "JWKS fetch from {Uri} failed ({Error}); retrying")]
    private static partial void LogFetchFailed(ILogger logger, Uri uri, string error);
}
