using System.Reflection;

namespace Passport.Testing;

/// <summary>Where the repository and the built projects are.</summary>
public static class TestPaths
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFileName = "PassportGateway.sln";

    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The folder holding <see cref="SolutionFileName"/>.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The build configuration these tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } =
        typeof(TestPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c
            ? c
            : "Debug";

    /// <summary>The target framework folder name, e.g. net10.0.</summary>
    public static string TargetFramework { get; } = FindTargetFramework();

    /// <summary>A path inside the repository, from '/'-separated parts.</summary>
    public static string InRepo(string relativePath) =>
        Path.GetFullPath(Path.Combine(RepoRoot, relativePath.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>
    /// The built dll of a project, e.g. <c>ProjectDll("samples/LegacyApi")</c> →
    /// <c>samples/LegacyApi/bin/Release/net10.0/LegacyApi.dll</c>. Throws when it has not been built.
    /// </summary>
    public static string ProjectDll(string projectDirectory, string? assemblyName = null)
    {
        var dir = InRepo(projectDirectory);
        assemblyName ??= Path.GetFileName(dir.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(dir, "bin", Configuration, TargetFramework, assemblyName + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException(
                $"'{dll}' does not exist; build it first: dotnet build {projectDirectory} -c {Configuration}", dll);
        }

        return dll;
    }

    private static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"No {SolutionFileName} above '{AppContext.BaseDirectory}' or the working directory; run the tests from inside the repository.");
    }

    private static string FindTargetFramework()
    {
        var name = Path.GetFileName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return name.StartsWith("net", StringComparison.Ordinal)
            ? name
            : $"net{Environment.Version.Major}.{Environment.Version.Minor}";
    }
}
