namespace Passport.Fuzz.Tests;

/// <summary>The committed corpus, copied beside the test assembly: <c>corpus/&lt;target&gt;/*</c> seeds and <c>regressions/*</c> crashes.</summary>
internal static class Corpus
{
    /// <summary>Regression files of crashes in a parser fixed on another branch: replayed by a skipped test until it merges.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "corpus");

    public static IReadOnlyList<string> Seeds(string target) => Files(Path.Combine(Root, target));

    public static IReadOnlyList<string> Regressions(string target) => Files(Path.Combine(Root, target, "regressions"));

    private static IReadOnlyList<string> Files(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory).Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()
            : [];
}
