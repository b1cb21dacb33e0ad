using Xunit;

namespace Passport.Server.Tests.Hosting;

/// <summary>One server per test class; tests isolate themselves with fresh keys (fresh DIDs).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ServerHost? _host;

    public ServerHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _host = await ServerHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}
