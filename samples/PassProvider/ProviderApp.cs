
namespace PassProvider;

/// <summary>
/// A sample web Pass Provider: a static page (embedded in this assembly) that holds the owner's Ed25519 key in the
/// browser and answers Passport approval requests. It has no server-side state; it must run on its own origin.
/// </summary>
public static class ProviderApp
{
    private const string ResourcePrefix = "site/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    /// <summary>The content security policy of every response: own scripts only, never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Builds the app; listens where <c>--urls</c> says (default <c>http://127.0.0.1:5080</c>).</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Runs before the app is built (tests set the URL).</param>
    /// <returns>The app, not yet started.</returns>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        configure?.Invoke(builder);
        var app = builder.Build();
        var files = LoadFiles();
        app.MapGet("/", (HttpContext context) => Serve(context, files, "index.html"));
        app.MapGet("/{**path}", (HttpContext context, string path) => Serve(context, files, path));
        return app;
    }

    private static Dictionary<string, byte[]> LoadFiles()
    {
        var assembly = typeof(ProviderApp).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name[ResourcePrefix.Length..].Replace('\\', '/')] = copy.ToArray();
        }

        return files;
    }

    private static IResult Serve(HttpContext context, Dictionary<string, byte[]> files, string path)
    {
        if (!files.TryGetValue(path, out var bytes) || !ContentTypes.TryGetValue(Path.GetExtension(path), out var type))
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return Results.Bytes(bytes, type);
    }
}
