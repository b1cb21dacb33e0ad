using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Passport.Testing;

namespace Passport.Gateway.Tests.Streaming;

/// <summary>
/// A real Kestrel upstream on 127.0.0.1 that streams: every GET answers <c>200 text/event-stream</c> at once (headers
/// flushed before any event) and then writes exactly the events the test hands to <see cref="Stream"/> for that path, each
/// flushed on its own. WebSocket requests are echoed (text frames, until the client closes).
/// </summary>
public sealed class StreamingUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, SseStream> _streams = new(StringComparer.Ordinal);

    private StreamingUpstream(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The stream served at <paramref name="path"/> (created on first use, by the test or by the request).</summary>
    public SseStream Stream(string path) => _streams.GetOrAdd(path, _ => new SseStream());

    public static async Task<StreamingUpstream> StartAsync()
    {
        var port = FreePort.Get();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new StreamingUpstream(app, $"http://127.0.0.1:{port}");
        app.UseWebSockets();
        app.Run(async context =>
        {
            if (context.WebSockets.IsWebSocketRequest)
            {
                await EchoAsync(await context.WebSockets.AcceptWebSocketAsync(), context.RequestAborted);
                return;
            }
            await upstream.Stream(context.Request.Path.Value ?? "/").ServeAsync(context);
        });
        await app.StartAsync();
        return upstream;
    }

    private static async Task EchoAsync(WebSocket socket, CancellationToken cancel)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancel);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cancel);
                return;
            }
            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, cancel);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One event stream of <see cref="StreamingUpstream"/>: what the test lets it send, and what it has sent.</summary>
public sealed class SseStream
{
    private readonly Channel<string?> _events = Channel.CreateUnbounded<string?>();
    private readonly TaskCompletionSource<long> _headersFlushed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sent;

    /// <summary>Events the upstream has written and flushed so far.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp at which the upstream flushed its response headers.</summary>
    public Task<long> HeadersFlushed => _headersFlushed.Task;

    /// <summary>Completes when the upstream's handler has returned (stream completed, or cut by the gateway).</summary>
    public Task Ended => _ended.Task;

    /// <summary>Lets the upstream send one event <c>data: {data}</c>.</summary>
    public void Send(string data) => _events.Writer.TryWrite(data);

    /// <summary>Lets the upstream end the response after the events already handed over.</summary>
    public void Complete() => _events.Writer.TryWrite(null);

    internal async Task ServeAsync(HttpContext context)
    {
        try
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            // Kestrel writes and flushes the headers here, before any event exists.
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            _headersFlushed.TrySetResult(Stopwatch.GetTimestamp());
            await foreach (var data in _events.Reader.ReadAllAsync(context.RequestAborted))
            {
                if (data is null) return;
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"data: {data}\n\n"), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                Interlocked.Increment(ref _sent);
            }
        }
        catch (OperationCanceledException)
        {
            // The gateway (or the client through it) went away: the stream was cut.
        }
        finally
        {
            _ended.TrySetResult();
        }
    }
}
