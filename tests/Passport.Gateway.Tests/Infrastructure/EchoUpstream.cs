using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Passport.Testing;

namespace Passport.Gateway.Tests.Infrastructure;

/// <summary>A real Kestrel upstream on 127.0.0.1 that answers every request with its method, path and headers as JSON.</summary>
public sealed class EchoUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoUpstream(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Requests;

    /// <summary>How long requests under <c>/slow</c> wait before the echo (a slow upstream); zero by default.</summary>
    public TimeSpan SlowDelay { get; set; }

    public static async Task<EchoUpstream> StartAsync()
    {
        var port = FreePort.Get();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new EchoUpstream(app, $"http://127.0.0.1:{port}");
        app.Run(async context =>
        {
            Interlocked.Increment(ref upstream.Requests);
            if (context.Request.Path.StartsWithSegments("/slow")) await Task.Delay(upstream.SlowDelay, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            await context.Response.WriteAsJsonAsync(new EchoResponse(context.Request.Method, context.Request.Path + context.Request.QueryString, headers));
        });
        await app.StartAsync();
        return upstream;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>What the upstream saw.</summary>
public sealed record EchoResponse(string Method, string Path, Dictionary<string, string> Headers);
