using LegacyApi.Orders;

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
        // Content root beside the binaries so appsettings.json is found from any working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
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
