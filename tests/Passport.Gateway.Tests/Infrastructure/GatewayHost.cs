using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Passport.Testing;

namespace Passport.Gateway.Tests.Infrastructure;

/// <summary>A real gateway (<see cref="PassportGateway.Build"/>) on a free loopback port in front of an upstream.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string BaseUrl { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<GatewayHost> StartAsync(string issuer, string upstream, Action<Dictionary<string, string?>>? configure = null, bool waitReady = true, string? fixedBaseUrl = null, TimeProvider? time = null, ILoggerProvider? logs = null)
    {
        var baseUrl = fixedBaseUrl ?? $"http://127.0.0.1:{FreePort.Get()}";
        var settings = DefaultSettings(issuer, upstream, baseUrl);
        configure?.Invoke(settings);
        // An empty content root: no appsettings.json of another project in the test output can leak in.
        var contentRoot = Directory.CreateTempSubdirectory("passport-gw-").FullName;
        var app = PassportGateway.Build(["--contentRoot", contentRoot], builder =>
        {
            builder.WebHost.UseUrls(baseUrl);
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
            // Registered before the gateway's TryAdd(TimeProvider.System): every clock of the gateway reads this one.
            if (time is not null) builder.Services.AddSingleton(time);
            if (logs is not null)
            {
                // Every level, so a secret logged at Trace is caught too.
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
                builder.Logging.AddProvider(logs);
            }
        });
        await app.StartAsync();
        var host = new GatewayHost(app, baseUrl);
        if (waitReady) await host.WaitReadyAsync();
        return host;
    }

    public async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var response = await Client.GetAsync("/readyz");
            if (response.IsSuccessStatusCode) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Gateway not ready: " + await response.Content.ReadAsStringAsync());
            await Task.Delay(50);
        }
    }

    public static Dictionary<string, string?> DefaultSettings(string issuer, string upstream, string publicOrigin) => new()
    {
        ["Passport:Issuer"] = issuer,
        ["Passport:PublicOrigin"] = publicOrigin,
        ["Passport:Revocation:Source"] = "Feed",
        ["Passport:Revocation:PollIntervalMilliseconds"] = "100",
        ["ReverseProxy:Clusters:upstream:Destinations:d1:Address"] = upstream,
        ["ReverseProxy:Routes:default:ClusterId"] = "upstream",
        ["ReverseProxy:Routes:default:Match:Path"] = "/{**catch-all}",
        ["ReverseProxy:Routes:orders-read:ClusterId"] = "upstream",
        ["ReverseProxy:Routes:orders-read:Match:Path"] = "/orders",
        ["ReverseProxy:Routes:orders-read:Match:Methods:0"] = "GET",
        ["ReverseProxy:Routes:orders-read:Metadata:Passport:Scopes"] = "read:orders",
        ["ReverseProxy:Routes:orders-write:ClusterId"] = "upstream",
        ["ReverseProxy:Routes:orders-write:Match:Path"] = "/orders",
        ["ReverseProxy:Routes:orders-write:Match:Methods:0"] = "POST",
        ["ReverseProxy:Routes:orders-write:Metadata:Passport:Scopes"] = "write:orders",
        ["ReverseProxy:Routes:self-only:ClusterId"] = "upstream",
        ["ReverseProxy:Routes:self-only:Match:Path"] = "/self-only/{**rest}",
        ["ReverseProxy:Routes:self-only:Metadata:Passport:AllowDelegation"] = "false",
        ["ReverseProxy:Routes:claimed:ClusterId"] = "upstream",
        ["ReverseProxy:Routes:claimed:Match:Path"] = "/claimed/{**rest}",
        ["ReverseProxy:Routes:claimed:Metadata:Passport:RequireClaimed"] = "true",
        ["ReverseProxy:Routes:open:ClusterId"] = "upstream",
        ["ReverseProxy:Routes:open:Match:Path"] = "/open/{**rest}",
        ["ReverseProxy:Routes:open:Metadata:Passport:Anonymous"] = "true",
        ["ReverseProxy:Routes:creds:ClusterId"] = "upstream",
        ["ReverseProxy:Routes:creds:Match:Path"] = "/creds/{**rest}",
        ["ReverseProxy:Routes:creds:Metadata:Passport:ForwardCredentials"] = "true",
        ["ReverseProxy:Routes:admin:ClusterId"] = "upstream",
        ["ReverseProxy:Routes:admin:Match:Path"] = "/admin/{**rest}",
        ["ReverseProxy:Routes:admin:Metadata:Passport:Scopes"] = "admin",
        ["ReverseProxy:Routes:admin:Metadata:Passport:SelfScopes"] = "true",
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
