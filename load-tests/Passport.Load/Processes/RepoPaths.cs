namespace Passport.Load.Processes;

/// <summary>Where the repository and the built projects the runner starts are.</summary>
public sealed class RepoPaths(string root, string configuration)
{
    /// <summary>The folder holding PassportGateway.sln.</summary>
    public string Root { get; } = root;

    /// <summary>Build configuration of the projects to start (Release for measurements).</summary>
    public string Configuration { get; } = configuration;

    /// <summary>Finds the repository root upwards from the runner's folder or the current folder.</summary>
    public static RepoPaths Find(string configuration)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PassportGateway.sln")))
                {
                    return new RepoPaths(dir.FullName, configuration);
                }
            }
        }

        throw new DirectoryNotFoundException("PassportGateway.sln not found above the runner or the current folder; run from inside the repository.");
    }

    /// <summary>The built dll of <paramref name="projectDirectory"/> (e.g. <c>samples/LegacyApi</c>); throws with the build command when missing.</summary>
    public string ProjectDll(string projectDirectory, string? assemblyName = null)
    {
        var dir = Path.Combine(Root, projectDirectory);
        assemblyName ??= Path.GetFileName(dir.TrimEnd('/'));
        var dll = Path.Combine(dir, "bin", Configuration, "net10.0", assemblyName + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"'{dll}' does not exist; build it first: dotnet build {projectDirectory} -c {Configuration}", dll);
        }

        return dll;
    }

    /// <summary>True when <paramref name="projectDirectory"/> has been built.</summary>
    public bool IsBuilt(string projectDirectory, string? assemblyName = null)
    {
        var dir = Path.Combine(Root, projectDirectory);
        assemblyName ??= Path.GetFileName(dir.TrimEnd('/'));
        return File.Exists(Path.Combine(dir, "bin", Configuration, "net10.0", assemblyName + ".dll"));
    }
}
