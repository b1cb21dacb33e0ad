namespace Passport.Gateway.Tests.Infrastructure;

/// <summary>Class fixture: a test issuer, an echo upstream and a gateway (memory replay, feed revocation every 100 ms).</summary>
public sealed class GatewayStack : IAsyncLifetime
{
    public TestIssuer Issuer { get; private set; } = null!;

    public EchoUpstream Upstream { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    /// <summary>The audience the gateway accepts: its public origin.</summary>
    public string Audience => Gateway.BaseUrl;

    public async Task InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        Upstream = await EchoUpstream.StartAsync();
        Gateway = await GatewayHost.StartAsync(Issuer.BaseUrl, Upstream.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
