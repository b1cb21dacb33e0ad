using System.Net;
using System.Net.Sockets;
using System.Text;
using Passport.Load.Http;

namespace Passport.Load.Tests.Http;

public class RawHttpClientTests
{
    [Fact]
    public async Task Reads_content_length_and_chunked_responses_on_one_kept_alive_connection()
    {
        string[] responses =
        [
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
            "HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\nContent-Type: application/problem+json\r\n\r\n4\r\n{\"a\"\r\n3;x=1\r\n:1}\r\n0\r\n\r\n",
            "HTTP/1.1 204 No Content\r\n\r\n",
        ];
        var (port, requests) = Serve(responses, connections: 1);
        using var client = new RawHttpClient(1);
        var uri = new Uri($"http://127.0.0.1:{port}/orders?x=1");

        Assert.Equal(200, await client.GetAsync(uri, "DPoP tok", "proof", CancellationToken.None));
        Assert.Equal(401, await client.GetAsync(uri, null, null, CancellationToken.None));
        Assert.Equal(204, await client.GetAsync(uri, null, null, CancellationToken.None));

        var first = await requests.Task;
        Assert.StartsWith($"GET /orders?x=1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: DPoP tok\r\nDPoP: proof\r\n\r\n", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_close_is_honoured_with_a_new_connection_next_time()
    {
        var (port, _) = Serve(["HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"], connections: 2);
        using var client = new RawHttpClient(1);
        var uri = new Uri($"http://127.0.0.1:{port}/");

        Assert.Equal(200, await client.GetAsync(uri, null, null, CancellationToken.None));
        Assert.Equal(200, await client.GetAsync(uri, null, null, CancellationToken.None));
    }

    /// <summary>A canned server: each accepted connection answers the next responses in turn, one per request head.</summary>
    private static (int Port, TaskCompletionSource<string> FirstRequest) Serve(string[] responses, int connections)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var first = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () =>
        {
            var next = 0;
            for (var c = 0; c < connections; c++)
            {
                using var socket = await listener.AcceptSocketAsync();
                var buffer = new byte[8192];
                var pending = string.Empty;
                while (next < responses.Length)
                {
                    while (!pending.Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                        if (read == 0)
                        {
                            goto nextConnection;
                        }

                        pending += Encoding.ASCII.GetString(buffer, 0, read);
                    }

                    first.TrySetResult(pending);
                    pending = pending[(pending.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
                    var response = responses[next++];
                    await socket.SendAsync(Encoding.ASCII.GetBytes(response), SocketFlags.None);
                    if (response.Contains("Connection: close", StringComparison.Ordinal))
                    {
                        break;
                    }
                }

            nextConnection:;
            }

            listener.Stop();
        });
        return (((IPEndPoint)listener.LocalEndpoint).Port, first);
    }
}
