using Passport.Gateway.Tests.Infrastructure;
using Passport.Testing.Adversarial;

namespace Passport.Gateway.Tests.Adversarial;

/// <summary>The shared adversarial matrix (<see cref="AdversarialRows"/>) against a real gateway, logs captured at Trace.</summary>
public sealed class GatewayAdversarialMatrixTests(GatewayAdversarialMatrixTests.Stack stack) : IClassFixture<GatewayAdversarialMatrixTests.Stack>
{
    public static TheoryData<string> Rows => AdversarialRows.Names();

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Row(string name)
    {
        var agent = new TestAgent();
        var url = stack.Gateway.BaseUrl + "/things";
        var target = new AdversarialTarget(url, agent.Token(stack.Issuer, stack.Gateway.BaseUrl), agent.Key,
            (header, payload) => Jws.Sign(stack.Issuer.SigningKey, header, payload));
        await AdversarialMatrix.RunAsync(AdversarialRows.Get(name), target, stack.Gateway.Client, stack.Logs);
    }

    /// <summary>A test issuer, an echo upstream and a gateway whose logs are captured.</summary>
    public sealed class Stack : IAsyncLifetime
    {
        public CapturedLogs Logs { get; } = new();

        public TestIssuer Issuer { get; private set; } = null!;

        public EchoUpstream Upstream { get; private set; } = null!;

        public GatewayHost Gateway { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Issuer = await TestIssuer.StartAsync();
            Upstream = await EchoUpstream.StartAsync();
            Gateway = await GatewayHost.StartAsync(Issuer.BaseUrl, Upstream.BaseUrl, logs: Logs);
        }

        public async Task DisposeAsync()
        {
            await Gateway.DisposeAsync();
            await Upstream.DisposeAsync();
            await Issuer.DisposeAsync();
        }
    }
}
