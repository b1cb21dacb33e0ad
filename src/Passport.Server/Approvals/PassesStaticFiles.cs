using System.Collections.Frozen;

namespace Passport.Server.Approvals;

/// <summary>
/// Serves <c>wwwroot/passes/*</c> (embedded in the assembly, so it works whatever the content root) at
/// <c>/passes/{file}</c>: plain ES modules, no build step. Only embedded files are served, with a fixed content type.
/// </summary>
internal static class PassesStaticFiles
{
    private const string Prefix = "passes/";

    private static readonly FrozenDictionary<string, (byte[] Bytes, string ContentType)> Files = Load();

    public static IResult Get(HttpContext context, string file)
    {
        if (!Files.TryGetValue(file, out var entry)) return Results.NotFound();
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        // The modules may be imported by Pass Providers and apps on other origins.
        headers.AccessControlAllowOrigin = "*";
        return Results.Bytes(entry.Bytes, entry.ContentType);
    }

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(PassesStaticFiles).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var type = Path.GetExtension(name) switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => null,
            };
            if (type is null) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name[Prefix.Length..]] = (copy.ToArray(), type);
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
