using McpServer.Tools;
using Microsoft.Extensions.Configuration.Memory;

namespace McpServer;

/// <summary>
/// An MCP server on the official C# SDK (streamable HTTP at <c>/mcp</c>) whose tools read and write the legacy API's
/// orders over HTTP. Like the legacy API it knows nothing about Passport: it trusts the plain <c>X-Passport-*</c>
/// headers of the request, which only the gateway in front of it can set.
/// </summary>
public static class McpApp
{
    /// <summary>Where the server listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8083";

    /// <summary>The configuration key of the legacy API's base URL (default <see cref="DefaultLegacyApi"/>).</summary>
    public const string LegacyApiKey = "LegacyApi:BaseUrl";

    /// <summary>The legacy API's default base URL (the stack's <c>samples/LegacyApi</c>).</summary>
    public const string DefaultLegacyApi = "http://127.0.0.1:8082";

    /// <summary>The path of the streamable HTTP endpoint (POST for JSON-RPC, GET for the server's SSE stream).</summary>
    public const string Path = "/mcp";

    /// <summary>Builds the app; pass <c>--urls http://127.0.0.1:N</c> and <c>--LegacyApi:BaseUrl URL</c> to place it.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Quiet defaults without an appsettings.json; inserted first so environment variables and arguments override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
                ["Logging:LogLevel:ModelContextProtocol"] = "Warning",
            },
        });
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"])
            && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"])
            && string.IsNullOrWhiteSpace(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var legacy = new Uri(builder.Configuration[LegacyApiKey] ?? DefaultLegacyApi);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddHttpClient<LegacyOrdersClient>(http => http.BaseAddress = legacy);
        builder.Services
            .AddMcpServer(options => options.ServerInfo = new() { Name = "orders-mcp", Version = "1.0.0" })
            .WithHttpTransport()
            .WithTools<OrderTools>()
            .WithTools<WhoAmITool>();

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapMcp(Path);
        return app;
    }
}
