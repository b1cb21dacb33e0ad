using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Passport.Testing;

/// <summary>
/// A loopback TCP proxy in front of a real server (e.g. redis-server) that adds latency or stops forwarding, for fault tests.
/// Each chunk read from either side is forwarded <see cref="Delay"/> after it arrived (latency, not a throughput cap: chunks
/// in flight are delayed side by side), and nothing is forwarded at all while <see cref="Stall"/> is in force — the
/// connections stay open, as with a server that hangs. Bytes keep their order per direction.
/// </summary>
public sealed class TcpDelayProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private readonly Task _accepting;
    private TaskCompletionSource _open = NewGate(open: true);
    private long _delayTicks;

    private TcpDelayProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:{Port}</c>, for a StackExchange.Redis configuration string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Latency added to every chunk in both directions; 0–200 ms in the fault tests. Takes effect for chunks read from now on.</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>Starts forwarding to <c>127.0.0.1:<paramref name="targetPort"/></c> at once, with no delay.</summary>
    public static TcpDelayProxy Start(int targetPort) => new(targetPort);

    /// <summary>Stops forwarding bytes in both directions until <see cref="Resume"/>; reads go on, so the peers see a hung server, not a closed one.</summary>
    public void Stall()
    {
        lock (_sockets)
        {
            if (_open.Task.IsCompleted) _open = NewGate(open: false);
        }
    }

    /// <summary>Forwards again, held bytes first.</summary>
    public void Resume()
    {
        lock (_sockets)
        {
            _open.TrySetResult();
        }
    }

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open) gate.SetResult();
        return gate;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
                var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                client.NoDelay = true;
                try
                {
                    await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token).ConfigureAwait(false);
                }
                catch (SocketException)
                {
                    client.Dispose();
                    server.Dispose();
                    continue;
                }

                lock (_sockets)
                {
                    _sockets.Add(client);
                    _sockets.Add(server);
                }

                _ = PumpAsync(client, server);
                _ = PumpAsync(server, client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    // Reader and writer are decoupled by a queue so a chunk's delay runs from its arrival, not from the previous write.
    private async Task PumpAsync(Socket from, Socket to)
    {
        var queue = Channel.CreateUnbounded<(byte[] Data, long Due)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writing = WriteAsync(queue.Reader, to);
        try
        {
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0) break;
                var due = Stopwatch.GetTimestamp() + (long)(Delay.TotalSeconds * Stopwatch.Frequency);
                queue.Writer.TryWrite((buffer.AsSpan(0, read).ToArray(), due));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Peer gone or proxy stopped.
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        await writing.ConfigureAwait(false);
    }

    private async Task WriteAsync(ChannelReader<(byte[] Data, long Due)> queue, Socket to)
    {
        try
        {
            await foreach (var (data, due) in queue.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _stop.Token).ConfigureAwait(false);
                Task open;
                lock (_sockets) open = _open.Task;
                await open.WaitAsync(_stop.Token).ConfigureAwait(false);
                await to.SendAsync(data, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Peer gone or proxy stopped.
        }
        finally
        {
            // One side closed: close the other, as a direct connection would.
            try
            {
                to.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                // Already closed.
            }
        }
    }

    /// <summary>Stops listening and closes every proxied connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        lock (_sockets)
        {
            foreach (var socket in _sockets) socket.Dispose();
            _sockets.Clear();
            _open.TrySetResult();
        }

        _stop.Dispose();
    }
}
