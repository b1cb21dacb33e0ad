using Passport.Testing;

namespace Passport.Packages.Tests;

/// <summary>
/// An app made by <c>dotnet new</c> outside the repository (no Directory.Build.props or central versions reach it) that
/// references packages only from the temporary feed, with its Program.cs replaced by one of Apps/*.cs.txt.
/// </summary>
public sealed class FreshApp
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(8);

    private FreshApp(string directory, string name)
    {
        Directory = directory;
        Name = name;
    }

    /// <summary>The project folder.</summary>
    public string Directory { get; }

    /// <summary>The project (and assembly) name.</summary>
    public string Name { get; }

    /// <summary>The built dll.</summary>
    public string Dll => Path.Combine(Directory, "out", Name + ".dll");

    /// <summary>Creates, references the packages, replaces Program.cs and builds; throws with the output on any failure.</summary>
    public static async Task<FreshApp> CreateAsync(PackageFeed feed, string template, string name, string programSource, params string[] packages)
    {
        var parent = Path.Combine(feed.Root, "apps");
        System.IO.Directory.CreateDirectory(parent);
        // The feed is added to the machine's sources (no <clear/>): the packages' own dependencies come from there.
        await File.WriteAllTextAsync(Path.Combine(parent, "NuGet.config"),
            $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="passport-test-feed" value="{feed.Feed}" />
              </packageSources>
            </configuration>
            """);
        var app = new FreshApp(Path.Combine(parent, name), name);
        await RunAsync(parent, "new", template, "-o", name, "-n", name, "--no-restore");
        foreach (var package in packages)
        {
            await RunAsync(app.Directory, "add", "package", package, "--version", feed.Version, "--no-restore");
        }
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Apps", programSource), Path.Combine(app.Directory, "Program.cs"), overwrite: true);
        await RunAsync(app.Directory, "build", "-c", "Release", "-o", "out", "-nologo", "-v", "quiet");
        return app;
    }

    private static async Task RunAsync(string workingDirectory, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(Executables.Dotnet(), arguments, workingDirectory, timeout: CommandTimeout);
        if (result.ExitCode != 0) throw new InvalidOperationException($"'{result.Command}' failed (exit {result.ExitCode}):\n{result.Output}");
    }
}
