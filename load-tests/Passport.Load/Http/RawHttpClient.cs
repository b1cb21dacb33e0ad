using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Passport.Load.Http;

/// <summary>
/// A minimal HTTP/1.1 keep-alive client for loopback load, like wrk's: requests are written as bytes on pooled
/// sockets and responses parsed just enough to find their end (Content-Length or chunked). It spends far less
/// CPU per request than <see cref="HttpClient"/>, which matters when client and servers share two cores.
/// </summary>
public sealed class RawHttpClient(int maxConnectionsPerEndpoint) : ILoadHttp
{
    private readonly ConcurrentDictionary<string, Endpoint> _endpoints = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async ValueTask<int> GetAsync(Uri uri, string? authorization, string? dpop, CancellationToken cancellationToken)
    {
        var endpoint = _endpoints.GetOrAdd(uri.Authority, _ => new Endpoint(uri, maxConnectionsPerEndpoint));
        var connection = await endpoint.RentAsync(cancellationToken).ConfigureAwait(false);
        var reusable = false;
        try
        {
            using var registration = cancellationToken.Register(static c => ((RawHttpConnection)c!).Abort(), connection);
            var (status, keepAlive) = await connection.GetAsync(uri.PathAndQuery, authorization, dpop, cancellationToken).ConfigureAwait(false);
            reusable = keepAlive;
            return status;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        finally
        {
            endpoint.Return(connection, reusable && !cancellationToken.IsCancellationRequested);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var endpoint in _endpoints.Values)
        {
            endpoint.Dispose();
        }
    }

    private sealed class Endpoint(Uri uri, int max) : IDisposable
    {
        private readonly ConcurrentBag<RawHttpConnection> _idle = [];
        private readonly SemaphoreSlim _slots = new(max, max);
        private readonly IPEndPoint _address = new(IPAddress.Parse(uri.Host), uri.Port);
        private readonly byte[] _host = System.Text.Encoding.ASCII.GetBytes(uri.Authority);

        public async ValueTask<RawHttpConnection> RentAsync(CancellationToken cancellationToken)
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_idle.TryTake(out var connection))
                {
                    return connection;
                }

                return await RawHttpConnection.ConnectAsync(_address, _host, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _slots.Release();
                throw;
            }
        }

        public void Return(RawHttpConnection connection, bool reusable)
        {
            if (reusable)
            {
                _idle.Add(connection);
            }
            else
            {
                connection.Dispose();
            }

            _slots.Release();
        }

        public void Dispose()
        {
            while (_idle.TryTake(out var connection))
            {
                connection.Dispose();
            }
        }
    }
}
