using Passport.Gateway.Tests.Infrastructure;

namespace Passport.Gateway.Tests.Streaming;

/// <summary>
/// Class fixture: a test issuer, a <see cref="StreamingUpstream"/> and a gateway whose cluster has a short YARP activity
/// timeout (<see cref="ActivityTimeout"/>), with the stack's default routes plus <c>/streaming/{**rest}</c> marked
/// <c>Passport:Streaming=true</c>, <c>/scoped-stream/{**rest}</c> (streaming, scope <c>mcp:tools</c>) and
/// <c>/capped/{**rest}</c> (streaming, YARP route <c>Timeout</c> 1 s).
/// </summary>
public sealed class StreamingStack : IAsyncLifetime
{
    /// <summary>The cluster's <c>HttpRequest:ActivityTimeout</c>: short, so an idle stream outlives it within a test.</summary>
    public static readonly TimeSpan ActivityTimeout = TimeSpan.FromSeconds(2);

    public TestIssuer Issuer { get; private set; } = null!;

    public StreamingUpstream Upstream { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public string Audience => Gateway.BaseUrl;

    public async Task InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        Upstream = await StreamingUpstream.StartAsync();
        Gateway = await GatewayHost.StartAsync(Issuer.BaseUrl, Upstream.BaseUrl, settings =>
        {
            settings["ReverseProxy:Clusters:upstream:HttpRequest:ActivityTimeout"] = ActivityTimeout.ToString("c");
            settings["ReverseProxy:Routes:streaming:ClusterId"] = "upstream";
            settings["ReverseProxy:Routes:streaming:Match:Path"] = "/streaming/{**rest}";
            settings["ReverseProxy:Routes:streaming:Metadata:Passport:Streaming"] = "true";
            settings["ReverseProxy:Routes:scoped-stream:ClusterId"] = "upstream";
            settings["ReverseProxy:Routes:scoped-stream:Match:Path"] = "/scoped-stream/{**rest}";
            settings["ReverseProxy:Routes:scoped-stream:Metadata:Passport:Streaming"] = "true";
            settings["ReverseProxy:Routes:scoped-stream:Metadata:Passport:Scopes"] = "mcp:tools";
            // YARP's own per-route request timeout, an overall cap that applies to streaming routes too.
            settings["ReverseProxy:Routes:capped:ClusterId"] = "upstream";
            settings["ReverseProxy:Routes:capped:Match:Path"] = "/capped/{**rest}";
            settings["ReverseProxy:Routes:capped:Timeout"] = "00:00:01";
            settings["ReverseProxy:Routes:capped:Metadata:Passport:Streaming"] = "true";
        });
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
