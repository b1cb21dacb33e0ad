namespace Passport.Stack.Tests.Infrastructure;

/// <summary>
/// Builds the projects run.sh builds (Release, the same command line as run.sh) once for the collection. A build
/// failure is kept and reported by every test instead of failing the fixture with a less readable message.
/// </summary>
public sealed class StackBuild : IAsyncLifetime
{
    /// <summary>The projects run.sh builds, in its order.</summary>
    public static readonly string[] Projects = ["src/Passport.Server", "src/Passport.Gateway.Host", "samples/LegacyApi", "samples/McpServer", "samples/McpAgent", "samples/PassProvider", "src/Passport.Cli"];

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Null when every project built; else what went wrong, with the build output.</summary>
    public string? Failure { get; private set; }

    /// <summary>Throws with the build output when the build failed.</summary>
    public void EnsureBuilt()
    {
        if (Failure is not null)
        {
            throw new InvalidOperationException(Failure);
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        foreach (var project in Projects)
        {
            var result = await BuildAsync(project);
            // Another engineer's or test run's build may hold the same output files: wait and retry once.
            if (result.ExitCode != 0 && IsFileLock(result.Output))
            {
                await Task.Delay(TimeSpan.FromSeconds(30));
                result = await BuildAsync(project);
            }

            if (result.ExitCode != 0)
            {
                Failure = $"dotnet build {project} -c Release failed (exit {result.ExitCode}):\n{result.Output}";
                return;
            }
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    private static Task<ProcessResult> BuildAsync(string project) =>
        ProcessRunner.RunAsync(
            Executables.Dotnet(),
            ["build", project, "-c", "Release", "-nologo", "-v", "quiet"],
            workingDirectory: TestPaths.RepoRoot,
            timeout: BuildTimeout);

    private static bool IsFileLock(string output) =>
        !output.Contains("error CS", StringComparison.Ordinal)
        && (output.Contains("MSB3026", StringComparison.Ordinal) || output.Contains("MSB3027", StringComparison.Ordinal)
            || output.Contains("MSB3021", StringComparison.Ordinal) || output.Contains("MSB3030", StringComparison.Ordinal)
            || output.Contains("being used by another process", StringComparison.Ordinal));
}
