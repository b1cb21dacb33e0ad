using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Passport.Load.Http;

/// <summary>One keep-alive HTTP/1.1 connection: writes a GET, reads status, headers and body (Content-Length or chunked).</summary>
internal sealed class RawHttpConnection : IDisposable
{
    private const int BufferSize = 64 * 1024;
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly byte[] _host;
    private readonly byte[] _send = new byte[BufferSize];
    private readonly byte[] _receive = new byte[BufferSize];
    private int _start;
    private int _end;

    private RawHttpConnection(Socket socket, byte[] host)
    {
        _socket = socket;
        _host = host;
    }

    public static async ValueTask<RawHttpConnection> ConnectAsync(IPEndPoint address, byte[] host, CancellationToken cancellationToken)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
            return new RawHttpConnection(socket, host);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Abort() => _socket.Dispose();

    public void Dispose() => _socket.Dispose();

    /// <summary>Sends the request and reads the whole response; returns the status and whether the connection may be reused.</summary>
    public async ValueTask<(int Status, bool KeepAlive)> GetAsync(string pathAndQuery, string? authorization, string? dpop, CancellationToken cancellationToken)
    {
        var length = WriteRequest(pathAndQuery, authorization, dpop);
        await _socket.SendAsync(_send.AsMemory(0, length), SocketFlags.None, cancellationToken).ConfigureAwait(false);

        // Status line + headers.
        int headerEnd;
        while ((headerEnd = _receive.AsSpan(_start, _end - _start).IndexOf(HeaderEnd)) < 0)
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }

        var (status, contentLength, chunked, close) = ParseHead(_receive.AsSpan(_start, headerEnd + 2));
        _start += headerEnd + 4;
        if (chunked)
        {
            await SkipChunkedAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await SkipAsync(contentLength, cancellationToken).ConfigureAwait(false);
        }

        return (status, !close);
    }

    private int WriteRequest(string pathAndQuery, string? authorization, string? dpop)
    {
        var span = _send.AsSpan();
        var n = 0;
        n += Encoding.ASCII.GetBytes("GET ", span[n..]);
        n += Encoding.ASCII.GetBytes(pathAndQuery, span[n..]);
        n += Encoding.ASCII.GetBytes(" HTTP/1.1\r\nHost: ", span[n..]);
        _host.CopyTo(span[n..]);
        n += _host.Length;
        n += Encoding.ASCII.GetBytes("\r\n", span[n..]);
        if (authorization is not null)
        {
            n += Encoding.ASCII.GetBytes("Authorization: ", span[n..]);
            n += Encoding.ASCII.GetBytes(authorization, span[n..]);
            n += Encoding.ASCII.GetBytes("\r\n", span[n..]);
        }

        if (dpop is not null)
        {
            n += Encoding.ASCII.GetBytes("DPoP: ", span[n..]);
            n += Encoding.ASCII.GetBytes(dpop, span[n..]);
            n += Encoding.ASCII.GetBytes("\r\n", span[n..]);
        }

        n += Encoding.ASCII.GetBytes("\r\n", span[n..]);
        return n;
    }

    private static (int Status, long ContentLength, bool Chunked, bool Close) ParseHead(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 200 OK\r\n"
        if (head.Length < 12 || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
        {
            throw new IOException("Malformed HTTP status line.");
        }

        long contentLength = 0;
        bool chunked = false, close = false;
        var lineStart = head.IndexOf(CrLf) + 2;
        while (lineStart < head.Length)
        {
            var rest = head[lineStart..];
            var lineLength = rest.IndexOf(CrLf);
            var line = lineLength < 0 ? rest : rest[..lineLength];
            var colon = line.IndexOf((byte)':');
            if (colon > 0)
            {
                var name = line[..colon];
                var value = line[(colon + 1)..].Trim((byte)' ');
                if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
                {
                    Utf8Parser.TryParse(value, out contentLength, out _);
                }
                else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
                {
                    chunked = value.IndexOf("chunked"u8) >= 0;
                }
                else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
                {
                    close = Ascii.EqualsIgnoreCase(value, "close"u8);
                }
            }

            if (lineLength < 0)
            {
                break;
            }

            lineStart += lineLength + 2;
        }

        return (status, contentLength, chunked, close);
    }

    private async ValueTask SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            var take = (int)Math.Min(count, _end - _start);
            _start += take;
            count -= take;
        }
    }

    private async ValueTask SkipChunkedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int lineEnd;
            while ((lineEnd = _receive.AsSpan(_start, _end - _start).IndexOf(CrLf)) < 0)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            var sizeText = _receive.AsSpan(_start, lineEnd);
            var semicolon = sizeText.IndexOf((byte)';');
            if (semicolon >= 0)
            {
                sizeText = sizeText[..semicolon];
            }

            if (!Utf8Parser.TryParse(sizeText, out long size, out _, 'x'))
            {
                throw new IOException("Malformed chunk size.");
            }

            _start += lineEnd + 2;
            if (size == 0)
            {
                // No trailers expected: the final CRLF.
                await SkipAsync(2, cancellationToken).ConfigureAwait(false);
                return;
            }

            await SkipAsync(size + 2, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _receive.Length)
        {
            if (_start == 0)
            {
                throw new IOException("Response head larger than the receive buffer.");
            }

            Buffer.BlockCopy(_receive, _start, _receive, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = await _socket.ReceiveAsync(_receive.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException("The server closed the connection.");
        }

        _end += read;
    }
}
