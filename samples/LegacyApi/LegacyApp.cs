using LegacyApi.Orders;
using Microsoft.Extensions.Configuration.Memory;

namespace LegacyApi;

/// <summary>
/// An unmodified legacy upstream: it knows nothing about Passport and only reads plain headers.
/// </summary>
public static class LegacyApp
{
    /// <summary>Where the API listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8082";

    /// <summary>The plain header whose value becomes an order's owner and the list's caller.</summary>
    public const string HandleHeader = "X-Passport-Handle";

    /// <summary>Builds the app; pass <c>--urls http://127.0.0.1:N</c> to choose where it listens.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Quiet defaults without an appsettings.json (which would collide in test projects' output folders);
        // inserted first so environment variables and --Logging:... arguments still override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"])
            && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"])
            && string.IsNullOrWhiteSpace(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<OrderStore>();

        var app = builder.Build();
        app.UseStatusCodePages();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/headers", HeaderEcho.Handle);
        app.MapOrders();
        return app;
    }
}
