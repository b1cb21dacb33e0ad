namespace Passport.Testing;

/// <summary>Finds executables on PATH or in well-known folders.</summary>
public static class Executables
{
    /// <summary>The full path of <paramref name="name"/> on PATH, then in <paramref name="extraDirectories"/>; null when absent.</summary>
    public static string? Find(string name, IEnumerable<string>? extraDirectories = null)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var dirs = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraDirectories ?? []);
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Like <see cref="Find"/> but throws a message that says how to install it.</summary>
    public static string Require(string name, string installHint, IEnumerable<string>? extraDirectories = null) =>
        Find(name, extraDirectories)
        ?? throw new FileNotFoundException($"'{name}' is not on PATH; install it ({installHint}) or run ./test.sh, which does.");

    /// <summary>The dotnet host that runs these tests (falls back to 'dotnet' on PATH).</summary>
    public static string Dotnet()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        if (Environment.ProcessPath is { } self
            && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        return Find(OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet") ?? "dotnet";
    }
}
