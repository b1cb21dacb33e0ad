using System.Diagnostics;

namespace Passport.Gateway.Tests.Infrastructure;

/// <summary>
/// A real Python WSGI upstream (Forwarding/wsgi_echo.py on wsgiref, started with <c>python3</c>): it folds header names
/// into environ keys the way CGI/WSGI stacks do and answers with its <c>HTTP_*</c> environ as JSON. Stopped by its PID.
/// </summary>
public sealed class WsgiUpstream : IAsyncDisposable
{
    private readonly Process _process;

    private WsgiUpstream(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<WsgiUpstream> StartAsync()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Forwarding", "wsgi_echo.py");
        var process = Process.Start(new ProcessStartInfo("python3", [script])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("python3 did not start");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var port = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("wsgi_echo.py exited before printing its port");
            return new WsgiUpstream(process, $"http://127.0.0.1:{int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)}");
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited) process.Kill();
        process.WaitForExit(10_000);
        process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Stop(_process);
        return ValueTask.CompletedTask;
    }
}
