using System.Text.Json;

namespace Passport.Testing;

/// <summary>A message received by <see cref="SmtpSink"/>: the raw RFC 5322 text and its envelope.</summary>
/// <param name="Raw">The message as received (headers and body).</param>
/// <param name="MailFrom">The SMTP <c>MAIL FROM</c>.</param>
/// <param name="Recipients">The SMTP <c>RCPT TO</c> addresses.</param>
/// <param name="Login">The user name the client authenticated as, or null without AUTH.</param>
/// <param name="Tls">True when the session was encrypted (STARTTLS or implicit TLS).</param>
public sealed record SmtpSinkMessage(string Raw, string MailFrom, IReadOnlyList<string> Recipients, string? Login, bool Tls);

/// <summary>
/// A real SMTP server (Debian's <c>python3-aiosmtpd</c> running <c>smtp-sink.py</c>) on a free loopback port that keeps
/// every message as a file in a temp folder. Optional STARTTLS or implicit TLS with a given certificate, optional AUTH.
/// Stopped by its own process id; <see cref="StartAgainAsync"/> brings it back on the same port (outage tests).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly IReadOnlyList<string> _arguments;
    private readonly string _python;
    private ProcessHost? _host;

    private SmtpSink(string python, int port, string directory, IReadOnlyList<string> arguments)
    {
        _python = python;
        Port = port;
        Directory = directory;
        _arguments = arguments;
    }

    /// <summary>The loopback port.</summary>
    public int Port { get; private set; }

    /// <summary>The temp folder (messages under <c>mail/</c>), deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>
    /// Starts a server. <paramref name="certificatePem"/>/<paramref name="keyPem"/> enable TLS: STARTTLS, required, or
    /// implicit TLS with <paramref name="implicitTls"/>. <paramref name="user"/>/<paramref name="password"/> require AUTH.
    /// </summary>
    public static async Task<SmtpSink> StartAsync(string? certificatePem = null, string? keyPem = null, bool implicitTls = false,
        string? user = null, string? password = null)
    {
        var python = await FindPythonAsync().ConfigureAwait(false);
        var directory = System.IO.Directory.CreateTempSubdirectory("passport-smtp-").FullName;
        var arguments = new List<string> { TestPaths.InRepo("tests/Passport.Testing/Smtp/smtp-sink.py"), "--folder", Path.Combine(directory, "mail") };
        if (certificatePem is not null) arguments.AddRange(["--cert", certificatePem, "--key", keyPem!]);
        if (implicitTls) arguments.Add("--implicit-tls");
        if (user is not null) arguments.AddRange(["--user", user, "--password", password!]);
        var sink = new SmtpSink(python, FreePort.Get(), directory, arguments);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await sink.StartAgainAsync().ConfigureAwait(false);
                    return sink;
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    sink.Port = FreePort.Get();
                }
            }
        }
        catch
        {
            await sink.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the server again on the same port after <see cref="StopAsync"/>; waits until it listens.</summary>
    public async Task StartAgainAsync()
    {
        if (_host is { HasExited: false }) throw new InvalidOperationException($"The SMTP sink already runs on port {Port}.");
        if (_host is not null) await _host.DisposeAsync().ConfigureAwait(false);
        _host = ProcessHost.Start(_python, [.. _arguments, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            workingDirectory: Directory);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!_host.Output.Contains("READY", StringComparison.Ordinal))
        {
            if (_host.HasExited) throw new InvalidOperationException($"smtp-sink.py exited with {_host.ExitCode} on port {Port}:\n{_host.Output}");
            if (DateTime.UtcNow > deadline)
            {
                await _host.StopAsync().ConfigureAwait(false);
                throw new TimeoutException($"smtp-sink.py did not listen on port {Port} within {StartTimeout}:\n{_host.Output}");
            }
            await Task.Delay(25).ConfigureAwait(false);
        }
    }

    /// <summary>Kills the server by its process id; the port stays reserved for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_host is not null) await _host.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<SmtpSinkMessage> Messages()
    {
        var folder = Path.Combine(Directory, "mail");
        if (!System.IO.Directory.Exists(folder)) return [];
        return System.IO.Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(eml =>
        {
            using var envelope = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(eml, ".json")));
            var root = envelope.RootElement;
            return new SmtpSinkMessage(File.ReadAllText(eml), root.GetProperty("mailFrom").GetString()!,
                [.. root.GetProperty("rcptTos").EnumerateArray().Select(r => r.GetString()!)],
                root.GetProperty("login").GetString(), root.GetProperty("tls").GetBoolean());
        }).ToList();
    }

    /// <summary>Waits (up to <paramref name="timeout"/>, default 60 s) for a message to <paramref name="recipient"/> whose text contains <paramref name="contains"/>.</summary>
    public async Task<SmtpSinkMessage> WaitForAsync(string recipient, string contains, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var found = Messages().LastOrDefault(m => m.Recipients.Contains(recipient) && m.Raw.Contains(contains, StringComparison.Ordinal));
            if (found is not null) return found;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No mail to {recipient} containing '{contains}' arrived; {Messages().Count} received; sink output:\n{_host?.Output}");
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
            _host = null;
        }
        TempDirectory.TryDelete(Directory);
    }

    /// <summary>Debian's <c>/usr/bin/python3</c> first (python3-aiosmtpd installs there), then <c>python3</c> on PATH; the first that imports aiosmtpd.</summary>
    private static async Task<string> FindPythonAsync()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", Executables.Find("python3") })
        {
            if (candidate is null || !File.Exists(candidate)) continue;
            var probe = await ProcessRunner.RunAsync(candidate, ["-c", "import aiosmtpd"], timeout: TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            if (probe.ExitCode == 0) return candidate;
        }
        throw new FileNotFoundException("No python3 with aiosmtpd; install it (apt-get install -y python3-aiosmtpd) or run ./test.sh, which does.");
    }
}
