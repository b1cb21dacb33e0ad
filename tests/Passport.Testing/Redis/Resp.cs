using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Passport.Testing;

/// <summary>A minimal RESP client over raw TCP: enough to PING a test server or send one command.</summary>
public static class Resp
{
    /// <summary>Sends one command and returns its reply: simple/bulk strings as text, integers as digits,
    /// nil as null, arrays as their elements joined by '\n'. A RESP error reply throws.</summary>
    public static async Task<string?> CommandAsync(string host, int port, IReadOnlyList<string> command, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        await using var stream = client.GetStream();

        var request = new StringBuilder().Append('*').Append(command.Count).Append("\r\n");
        foreach (var part in command)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await ReadReplyAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the server at 127.0.0.1:<paramref name="port"/> answers PING with PONG.</summary>
    public static async Task<bool> PingAsync(int port, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CommandAsync("127.0.0.1", port, ["PING"], cancellationToken).ConfigureAwait(false) == "PONG";
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task<string?> ReadReplyAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new IOException("The server closed the connection without a reply.");
        if (line.Length == 0)
        {
            throw new IOException("Empty RESP reply line.");
        }

        var body = line[1..];
        switch (line[0])
        {
            case '+':
            case ':':
                return body;
            case '-':
                throw new InvalidOperationException("Redis error: " + body);
            case '$':
                var length = int.Parse(body, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                var buffer = new char[length + 2];
                var read = 0;
                while (read < buffer.Length)
                {
                    var n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        throw new IOException("The server closed the connection mid-reply.");
                    }

                    read += n;
                }

                return new string(buffer, 0, length);
            case '*':
                var count = int.Parse(body, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return null;
                }

                var items = new List<string?>(count);
                for (var i = 0; i < count; i++)
                {
                    items.Add(await ReadReplyAsync(reader, cancellationToken).ConfigureAwait(false));
                }

                return string.Join('\n', items);
            default:
                throw new IOException($"Unexpected RESP reply '{line}'.");
        }
    }
}
