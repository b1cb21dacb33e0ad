using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Passport.Server.Tests.Hosting;
using Passport.Testing.Adversarial;

namespace Passport.Server.Tests.Adversarial;

/// <summary>
/// The shared adversarial matrix (<see cref="AdversarialRows"/>) against the real IdP's protected <c>/me</c>, with a token
/// the IdP issued and logs captured at Trace. Rows that forge an issuer-signed token are skipped: the IdP's key never
/// leaves it (the gateway runs them with its test issuer).
/// </summary>
public sealed class ServerAdversarialMatrixTests(ServerAdversarialMatrixTests.Host host) : IClassFixture<ServerAdversarialMatrixTests.Host>
{
    public static TheoryData<string> Rows => AdversarialRows.Names();

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Row(string name)
    {
        var row = AdversarialRows.Get(name);
        if (row.NeedsIssuerKey) return;
        using var agent = new TestAgent(host.Server);
        var token = await agent.RegisterAndLoginAsync();
        var target = new AdversarialTarget(host.Server.Issuer + "/me", token, agent.Key, null);
        await AdversarialMatrix.RunAsync(row, target, host.Server.Client, host.Logs);
    }

    /// <summary>A real IdP whose logs are captured at every level.</summary>
    public sealed class Host : IAsyncLifetime
    {
        private ServerHost? _server;

        public CapturedLogs Logs { get; } = new();

        public ServerHost Server => _server ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync() =>
            _server = await ServerHost.StartAsync(
                new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" },
                services => services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs)));

        public async Task DisposeAsync()
        {
            if (_server is not null) await _server.DisposeAsync();
        }
    }
}
