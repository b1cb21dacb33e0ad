using System.Buffers;
using System.Net;

namespace Passport.Load.Http;

/// <summary>
/// The load client's HTTP/1.1 connection pool: one <see cref="SocketsHttpHandler"/> without cookies, proxy or
/// decompression, a fixed connection cap, and a step helper that sends one request and drains the body.
/// </summary>
public sealed class LoadHttpClient : ILoadHttp
{
    private readonly HttpMessageInvoker _invoker;

    /// <summary>Creates a pool of at most <paramref name="maxConnections"/> connections per server.</summary>
    public LoadHttpClient(int maxConnections)
    {
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });
    }

    /// <summary>Sends GET <paramref name="uri"/> with the given headers, reads the whole body, returns the status code.</summary>
    public async ValueTask<int> GetAsync(Uri uri, string? authorization, string? dpop, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri) { Version = HttpVersion.Version11 };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (dpop is not null)
        {
            request.Headers.TryAddWithoutValidation("DPoP", dpop);
        }

        using var response = await _invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
                {
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (int)response.StatusCode;
    }

    /// <inheritdoc />
    public void Dispose() => _invoker.Dispose();
}
