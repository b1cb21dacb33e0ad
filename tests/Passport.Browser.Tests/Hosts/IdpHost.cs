using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Passport.Server;
using Passport.Testing;

namespace Passport.Browser.Tests.Hosts;

/// <summary>A real Passport.Server (SQLite in a temp folder, dev outbox) on its own loopback origin.</summary>
public sealed class IdpHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IdpHost(WebApplication app, string issuer, string dataDirectory)
    {
        _app = app;
        Issuer = issuer;
        DataDirectory = dataDirectory;
        Client = new HttpClient { BaseAddress = new Uri(issuer), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>e.g. <c>http://127.0.0.1:41236</c> (also its origin).</summary>
    public string Issuer { get; }

    /// <summary>The temp data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>A client for the IdP.</summary>
    public HttpClient Client { get; }

    /// <summary>
    /// Starts the IdP with <paramref name="providerUrl"/> as the default Pass Provider; <paramref name="configure"/> adds
    /// settings (e.g. <c>Passport:Audiences:0</c>) and <paramref name="time"/> replaces the IdP's clock.
    /// </summary>
    public static async Task<IdpHost> StartAsync(string providerUrl, Action<Dictionary<string, string?>>? configure = null, TimeProvider? time = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "passport-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        for (var attempt = 0; ; attempt++)
        {
            var issuer = $"http://127.0.0.1:{FreePort.Get()}";
            var config = new Dictionary<string, string?>
            {
                ["Passport:Issuer"] = issuer,
                ["Passport:DataDirectory"] = dataDirectory,
                ["Passport:DevOutbox"] = "true",
                ["Passport:RateLimiting:PermitsPerMinute"] = "100000",
                ["Passport:Passes:ProviderUrl"] = providerUrl,
                ["Logging:LogLevel:Default"] = "Warning",
            };
            configure?.Invoke(config);
            var app = PassportServer.Build([$"--urls={issuer}", "--environment=Production"], b =>
            {
                b.Configuration.AddInMemoryCollection(config);
                // After the server's TryAdd(TimeProvider.System): the last registration is the one resolved.
                if (time is not null) b.Services.AddSingleton(time);
            });
            try
            {
                await app.StartAsync();
                return new IdpHost(app, issuer, dataDirectory);
            }
            catch (IOException) when (attempt < 3)
            {
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>The links of the newest dev-outbox mail to <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<string>> LastMailLinksAsync(string to)
    {
        var outbox = await Client.GetFromJsonAsync<JsonElement>("/dev/outbox");
        var mail = outbox.GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("to").GetString() == to);
        return [.. mail.GetProperty("links").EnumerateArray().Select(l => l.GetString()!)];
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        TempDirectory.TryDelete(DataDirectory);
    }
}
