using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Passport.Testing;

namespace Passport.Server.Tests.Hosting;

/// <summary>A real Passport.Server on Kestrel at http://127.0.0.1:{free port}, with its own temp data folder.</summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServerHost(WebApplication app, string issuer, string dataDirectory)
    {
        _app = app;
        Issuer = issuer;
        DataDirectory = dataDirectory;
        Client = new HttpClient { BaseAddress = new Uri(issuer) };
    }

    public string Issuer { get; }

    public string DataDirectory { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ServerHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "passport-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Get();
            var issuer = $"http://127.0.0.1:{port}";
            var config = new Dictionary<string, string?>
            {
                ["Passport:Issuer"] = issuer,
                ["Passport:DataDirectory"] = dataDirectory,
                ["Passport:DevOutbox"] = "true",
                ["Passport:RateLimiting:PermitsPerMinute"] = "100000",
                ["Passport:RateLimiting:PermitsPerMinutePerDid"] = "100000",
                ["Passport:Audiences:0"] = "https://api.example.com",
                ["Logging:LogLevel:Default"] = "Warning",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
            var app = PassportServer.Build([$"--urls={issuer}", "--environment=Production"], builder =>
            {
                builder.Configuration.AddInMemoryCollection(config);
                services?.Invoke(builder.Services);
            });
            try
            {
                await app.StartAsync();
                return new ServerHost(app, issuer, dataDirectory);
            }
            catch (IOException) when (attempt < 3)
            {
                await app.DisposeAsync();
            }
        }
    }

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public async Task<JsonElement> OutboxLastAsync(string to)
    {
        var outbox = await Client.GetFromJsonAsync<JsonElement>("/dev/outbox");
        return outbox.GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("to").GetString() == to);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        TempDirectory.TryDelete(DataDirectory);
    }
}
