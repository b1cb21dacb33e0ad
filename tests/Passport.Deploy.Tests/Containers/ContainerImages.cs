using System.Diagnostics;
using System.Globalization;
using Passport.Testing;

namespace Passport.Deploy.Tests.Containers;

/// <summary>One image built by deploy/image/build.sh, as its build-report.txt line describes it.</summary>
public sealed record BuiltImage(
    string Image,
    string Digest,
    string Revision,
    long PublishBytes,
    long RootfsBytes,
    long ImageBytes,
    long ArchiveBytes,
    int PublishSeconds,
    int TotalSeconds)
{
    public static BuiltImage Parse(string line)
    {
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1]);
        long L(string k) => long.Parse(f[k], CultureInfo.InvariantCulture);
        return new BuiltImage(f["image"], f["digest"], f["revision"], L("publish_bytes"), L("rootfs_bytes"), L("image_bytes"),
            L("archive_bytes"), (int)L("publish_seconds"), (int)L("total_seconds"));
    }

    public override string ToString() =>
        $"{Image} {Digest[..19]}… publish {PublishBytes / 1e6:F1} MB, rootfs {RootfsBytes / 1e6:F1} MB, image {ImageBytes / 1e6:F1} MB, " +
        $"oci-archive {ArchiveBytes / 1e6:F1} MB, publish {PublishSeconds} s, total {TotalSeconds} s";
}

/// <summary>
/// Builds the three images once per test run with deploy/image/build.sh, from the commit HEAD points at when the run
/// starts (git archive into a temp folder: the shared working tree's uncommitted edits never reach an image), under
/// tags unique to this run, removed again at the end (an image shared with another tag stays for that tag).
/// Two build.sh processes run side by side, each exporting the commit and publishing on its own:
/// A = gateway + legacy-api, B = server + legacy-api. legacy-api, the smallest, is so built twice from scratch, and
/// the digest test compares the two. Nothing happens when PASSPORT_SKIP_CONTAINERS=1.
/// </summary>
public sealed class ContainerImages : IAsyncLifetime
{
    // A hang guard, not a speed check: on a shared 2-core machine with other test projects running beside this one,
    // two image builds took more than 10 minutes (2026-12-06), so the guard leaves room for that.
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);

    private readonly List<string> _tags = [];
    private Podman? _podman;

    public string WorkDirectory { get; private set; } = "";

    public Podman Podman => _podman ?? throw new InvalidOperationException("The container images were not built.");

    public string Commit { get; private set; } = "";

    public long CommitEpoch { get; private set; }

    public BuiltImage Gateway { get; private set; } = null!;

    public BuiltImage Server { get; private set; } = null!;

    /// <summary>legacy-api from build A (the one the stack test runs).</summary>
    public BuiltImage LegacyApi { get; private set; } = null!;

    /// <summary>legacy-api from build B: a second full build of the same commit.</summary>
    public BuiltImage LegacyApiAgain { get; private set; } = null!;

    public int WallSeconds { get; private set; }

    public IEnumerable<BuiltImage> Distinct => [Gateway, Server, LegacyApi];

    public async Task InitializeAsync()
    {
        if (ContainerFactAttribute.SkipRequested)
        {
            return;
        }

        WorkDirectory = Directory.CreateTempSubdirectory("passport-containers-").FullName;
        _podman = Podman.Create(WorkDirectory);

        var git = Executables.Require("git", "apt-get install -y git");
        Commit = (await ProcessRunner.RunAsync(git, ["-C", TestPaths.RepoRoot, "rev-parse", "HEAD"])).EnsureSuccess().Output.Trim();
        CommitEpoch = long.Parse(
            (await ProcessRunner.RunAsync(git, ["-C", TestPaths.RepoRoot, "log", "-1", "--format=%ct", Commit])).EnsureSuccess().Output.Trim(),
            CultureInfo.InvariantCulture);

        var run = $"t{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        var watch = Stopwatch.StartNew();
        var a = BuildAsync("a", $"{run}-a", "gateway", "legacy-api");
        var b = BuildAsync("b", $"{run}-b", "server", "legacy-api");
        var built = await Task.WhenAll(a, b);
        WallSeconds = (int)watch.Elapsed.TotalSeconds;

        BuiltImage Find(IEnumerable<BuiltImage> images, string name) =>
            images.Single(i => i.Image.Contains($"/passport-{name}:", StringComparison.Ordinal));
        Gateway = Find(built[0], "gateway");
        LegacyApi = Find(built[0], "legacy-api");
        Server = Find(built[1], "server");
        LegacyApiAgain = Find(built[1], "legacy-api");
    }

    public async Task DisposeAsync()
    {
        if (_podman is not null)
        {
            foreach (var tag in _tags)
            {
                await _podman.RunAsync(["rmi", tag]);
            }
        }

        if (WorkDirectory.Length > 0)
        {
            TempDirectory.TryDelete(WorkDirectory);
        }
    }

    private async Task<IReadOnlyList<BuiltImage>> BuildAsync(string name, string tag, params string[] components)
    {
        var output = Path.Combine(WorkDirectory, name);
        foreach (var component in components)
        {
            _tags.Add($"localhost/passport-{component}:{tag}");
        }

        var bash = Executables.Require("bash", "apt-get install -y bash");
        var result = await ProcessRunner.RunAsync(bash,
            [TestPaths.InRepo("deploy/image/build.sh"), .. components, "--rev", Commit, "--tag", tag, "--out", output],
            TestPaths.RepoRoot, Podman.Environment, BuildTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"deploy/image/build.sh {string.Join(' ', components)} exited with {result.ExitCode}:\n{result.Output}");
        }

        return File.ReadAllLines(Path.Combine(output, "build-report.txt"))
            .Where(l => l.StartsWith("image=", StringComparison.Ordinal))
            .Select(BuiltImage.Parse)
            .ToList();
    }
}

[CollectionDefinition(Name)]
public sealed class ContainerCollection : ICollectionFixture<ContainerImages>
{
    public const string Name = "container images";
}
