using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Passport.Gateway;
using Passport.Testing;

namespace Passport.Browser.Tests.Hosts;

/// <summary>
/// A real Passport.Gateway (<see cref="PassportGateway.Build"/>) on its own loopback origin, trusting an <see cref="IdpHost"/>
/// and following its revocation feed, in front of a one-route upstream that answers <c>200 upstream</c>.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _gateway;
    private readonly WebApplication _upstream;
    private readonly string _contentRoot;

    private GatewayHost(WebApplication gateway, WebApplication upstream, string origin, string contentRoot)
    {
        _gateway = gateway;
        _upstream = upstream;
        _contentRoot = contentRoot;
        Origin = origin;
        Client = new HttpClient { BaseAddress = new Uri(origin), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The gateway's public origin: the <c>aud</c> (RFC 8707 resource) of the tokens it accepts.</summary>
    public string Origin { get; }

    /// <summary>A client for the gateway.</summary>
    public HttpClient Client { get; }

    /// <summary>A free origin for a gateway, chosen before the IdP starts so the IdP can list it in <c>Passport:Audiences</c>.</summary>
    public static string NewOrigin() => $"http://127.0.0.1:{FreePort.Get()}";

    /// <summary>Starts the gateway at <paramref name="origin"/> for <paramref name="idp"/>; returns once it is ready (JWKS loaded).</summary>
    public static async Task<GatewayHost> StartAsync(IdpHost idp, string origin)
    {
        var upstreamUrl = $"http://127.0.0.1:{FreePort.Get()}";
        var upstreamBuilder = WebApplication.CreateSlimBuilder();
        upstreamBuilder.WebHost.UseUrls(upstreamUrl);
        upstreamBuilder.Logging.ClearProviders();
        var upstream = upstreamBuilder.Build();
        upstream.Run(context => context.Response.WriteAsync("upstream"));
        await upstream.StartAsync();

        // An empty content root: no appsettings.json of another project in the test output can leak in.
        var contentRoot = Directory.CreateTempSubdirectory("passport-browser-gw-").FullName;
        var gateway = PassportGateway.Build(["--contentRoot", contentRoot], builder =>
        {
            builder.WebHost.UseUrls(origin);
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Passport:Issuer"] = idp.Issuer,
                ["Passport:PublicOrigin"] = origin,
                ["Passport:Revocation:Source"] = "Feed",
                ["Passport:Revocation:PollIntervalMilliseconds"] = "100",
                ["ReverseProxy:Clusters:upstream:Destinations:d1:Address"] = upstreamUrl,
                ["ReverseProxy:Routes:default:ClusterId"] = "upstream",
                ["ReverseProxy:Routes:default:Match:Path"] = "/{**catch-all}",
            });
        });
        await gateway.StartAsync();
        var host = new GatewayHost(gateway, upstream, origin, contentRoot);
        await host.WaitReadyAsync();
        return host;
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var response = await Client.GetAsync("/readyz");
            if (response.IsSuccessStatusCode) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Gateway not ready: " + await response.Content.ReadAsStringAsync());
            await Task.Delay(50);
        }
    }

    /// <summary>Calls <paramref name="path"/> as <paramref name="agent"/> with <paramref name="token"/> and a fresh DPoP proof (RFC 9449 htu = this origin).</summary>
    public Task<HttpResponseMessage> GetAsync(Agent agent, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("DPoP", token);
        request.Headers.Add("DPoP", agent.Proofs.Create("GET", Origin + path, token));
        return Client.SendAsync(request);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        await _upstream.StopAsync();
        await _upstream.DisposeAsync();
        TempDirectory.TryDelete(_contentRoot);
    }
}
