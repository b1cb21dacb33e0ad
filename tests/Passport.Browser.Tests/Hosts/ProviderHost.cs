using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Passport.Testing;
using PassProvider;

namespace Passport.Browser.Tests.Hosts;

/// <summary>The sample Pass Provider (samples/PassProvider) on its own loopback origin.</summary>
public sealed class ProviderHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProviderHost(WebApplication app, string origin)
    {
        _app = app;
        Origin = origin;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Origin { get; }

    /// <summary>The provider page.</summary>
    public string PageUrl => Origin + "/";

    /// <summary>Starts the provider on a free loopback port.</summary>
    public static async Task<ProviderHost> StartAsync()
    {
        var origin = $"http://127.0.0.1:{FreePort.Get()}";
        var app = ProviderApp.Build(["--urls", origin, "--environment", "Production"], b => b.Logging.ClearProviders());
        await app.StartAsync();
        return new ProviderHost(app, origin);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
