namespace Passport.Browser.Tests;

/// <summary>The JavaScript the tests evaluate in pages (embedded from Scripts/*.js).</summary>
internal static class Scripts
{
    public static string Read(string name)
    {
        using var stream = typeof(Scripts).Assembly.GetManifestResourceStream("Scripts/" + name)
            ?? throw new FileNotFoundException($"Scripts/{name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
