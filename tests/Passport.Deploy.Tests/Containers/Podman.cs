using System.Diagnostics;
using System.Formats.Tar;
using Passport.Testing;

namespace Passport.Deploy.Tests.Containers;

/// <summary>
/// podman and buildah as these machines need them: a generated containers.conf (no default ulimits, cgroupfs, runc;
/// crun fails on this kernel's cgroups) pointed to by CONTAINERS_CONF, and never a pull.
/// </summary>
public sealed class Podman
{
    public const string InstallHint =
        "install them with 'apt-get install -y podman buildah runc' (./test.sh does), or set PASSPORT_SKIP_CONTAINERS=1 to report the container tests as skipped";

    private Podman(string executable, string containersConf)
    {
        Executable = executable;
        ContainersConf = containersConf;
    }

    public string Executable { get; }

    public string ContainersConf { get; }

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["CONTAINERS_CONF"] = ContainersConf,
    };

    /// <summary>Finds podman, buildah and runc; throws one message naming every missing tool and how to get it.</summary>
    public static Podman Create(string directory)
    {
        string[] extra = ["/usr/bin", "/usr/sbin", "/usr/local/bin", "/sbin"];
        var missing = new[] { "podman", "buildah", "runc", "git" }.Where(t => Executables.Find(t, extra) is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The container tests need {string.Join(", ", missing)}, which {(missing.Count == 1 ? "is" : "are")} not on this machine: {InstallHint}.");
        }

        var conf = Path.Combine(directory, "containers.conf");
        File.WriteAllText(conf, """
            [containers]
            default_ulimits = []

            [engine]
            cgroup_manager = "cgroupfs"
            runtime = "runc"

            """);
        return new Podman(Executables.Find("podman", extra)!, conf);
    }

    public Task<ProcessResult> RunAsync(IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(Executable, arguments, environment: Environment, timeout: timeout ?? TimeSpan.FromMinutes(1));

    public async Task<string> RunOkAsync(params string[] arguments) =>
        (await RunAsync(arguments)).EnsureSuccess().Output.Trim();

    /// <summary>The paths (without a leading '/') of every entry in the image's file system, via podman create + export.</summary>
    public async Task<IReadOnlyList<string>> ListFilesAsync(string image)
    {
        var container = (await RunOkAsync("create", "--pull=never", image)).Split('\n')[^1].Trim();
        try
        {
            var info = new ProcessStartInfo(Executable)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            info.ArgumentList.Add("export");
            info.ArgumentList.Add(container);
            info.Environment["CONTAINERS_CONF"] = ContainersConf;
            using var process = Process.Start(info) ?? throw new InvalidOperationException("podman export did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            var names = new List<string>();
            using (var reader = new TarReader(process.StandardOutput.BaseStream))
            {
                while (await reader.GetNextEntryAsync() is { } entry)
                {
                    names.Add(entry.Name.TrimStart('.', '/').TrimEnd('/'));
                }
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(cts.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"podman export {container} exited with {process.ExitCode}: {await stderr}");
            }

            return names;
        }
        finally
        {
            await RunAsync(["rm", "-f", container]);
        }
    }
}
