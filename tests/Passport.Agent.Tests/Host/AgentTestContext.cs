using Passport.Testing;

namespace Passport.Agent.Tests.Host;

/// <summary>Per-test world: a fresh fake IdP, a temp PASSPORT_HOME-like folder, an HttpClient and helpers to make registered agents.</summary>
public sealed class AgentTestContext : IAsyncDisposable
{
    private readonly List<IDisposable> _disposables = [];

    private AgentTestContext(FakePassportServer server, string directory)
    {
        Server = server;
        Directory = directory;
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakePassportServer Server { get; }

    public string Directory { get; }

    public HttpClient Http { get; }

    public static async Task<AgentTestContext> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "passport-agent-tests-" + Guid.NewGuid().ToString("N"));
        return new AgentTestContext(await FakePassportServer.StartAsync(), directory);
    }

    public IdentityStore Store(string name = "agent") => new(Path.Combine(Directory, name));

    /// <summary>A client with a fresh identity, discovered from the issuer, not registered.</summary>
    public async Task<PassportClient> NewClientAsync(IdentityStore? store = null, DpopAuthorizationScheme scheme = DpopAuthorizationScheme.DPoP)
    {
        var identity = AgentIdentity.Generate("test agent");
        _disposables.Add(identity);
        var client = new PassportClient(Http, identity, new PassportClientOptions { Store = store, Scheme = scheme });
        await client.DiscoverIssuerAsync(new Uri(Server.Issuer));
        return client;
    }

    /// <summary>A client whose identity is registered (and claimed when <paramref name="claimed"/>).</summary>
    public async Task<PassportClient> NewRegisteredClientAsync(bool claimed = false, IdentityStore? store = null, string? ownerEmail = "owner@example.com")
    {
        var client = await NewClientAsync(store);
        await client.RegisterAsync(ownerEmail, "test agent");
        if (claimed)
        {
            var link = OwnerLink.FindNewest(await client.GetDevOutboxAsync(), OwnerLink.ClaimPath, ownerEmail)!;
            await client.ClaimAsync(link);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }
        TempDirectory.TryDelete(Directory);
    }
}
