using Passport.Testing;

namespace Passport.Packages.Tests;

/// <summary>
/// Every package of the repository (packages.slnf) packed once into a temporary local feed, with a version no earlier
/// run used (so NuGet's global cache can never hand a fresh app an older build), built into a temporary artifacts
/// folder (so the repository's own bin/ folders, which other test projects load, are never rewritten).
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    /// <summary>The package ids packages.slnf produces.</summary>
    public static readonly string[] PackageIds =
        ["Passes", "Passport.Core", "Passport.AspNetCore", "Passport.AspNetCore.Redis", "Passport.Agent", "Passport.Gateway", "Passport.Cli"];

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The temp folder holding the feed, the artifacts and the fresh apps.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "passport-packages-" + Guid.NewGuid().ToString("N"));

    /// <summary>The local feed (a folder of .nupkg/.snupkg).</summary>
    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The version every package of this run carries.</summary>
    public string Version { get; } = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    /// <summary>Null when packing worked; else the pack output.</summary>
    public string? Failure { get; private set; }

    /// <summary>Throws with the pack output when packing failed.</summary>
    public void EnsurePacked()
    {
        if (Failure is not null) throw new InvalidOperationException(Failure);
    }

    /// <summary>The path of a package file in the feed.</summary>
    public string Package(string id, string extension = "nupkg") => Path.Combine(Feed, $"{id}.{Version}.{extension}");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        var result = await ProcessRunner.RunAsync(
            Executables.Dotnet(),
            ["pack", TestPaths.InRepo("packages.slnf"), "-c", "Release", "-nologo", "-v", "quiet",
             "--artifacts-path", Path.Combine(Root, "artifacts"), "-o", Feed, $"-p:Version={Version}"],
            workingDirectory: TestPaths.RepoRoot,
            timeout: PackTimeout);
        if (result.ExitCode != 0) Failure = $"dotnet pack packages.slnf failed (exit {result.ExitCode}):\n{result.Output}";
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        TempDirectory.TryDelete(Root);
        return Task.CompletedTask;
    }
}
