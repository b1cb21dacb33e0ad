namespace Passport.Testing.Node;

/// <summary>
/// The independent JavaScript OAuth implementations the interop tests run (<c>tests/interop-node</c>: oidc-provider,
/// oauth4webapi, openid-client, jose at the versions pinned in its package-lock.json). Installed once per machine with
/// <c>npm ci</c> on first use, under a file lock so that test projects running in parallel do not install twice. Scripts
/// (<c>*.mjs</c>) live in the same folder and run with the machine's Node.js.
/// </summary>
public static class NodeModules
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);
    private static bool _installed;

    /// <summary>The folder holding package.json, package-lock.json, node_modules and the interop scripts.</summary>
    public static string Directory => TestPaths.InRepo("tests/interop-node");

    /// <summary>The <c>node</c> executable; throws with an install hint when missing.</summary>
    public static string Node() => Executables.Require("node", "apt-get install -y nodejs npm");

    /// <summary>Runs <c>npm ci</c> in <see cref="Directory"/> unless this lock file's packages are already installed.</summary>
    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        await InProcess.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_installed)
            {
                return;
            }

            using var machineLock = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
            var lockFile = Path.Combine(Directory, "package-lock.json");
            var marker = Path.Combine(Directory, "node_modules", ".passport-installed");
            if (!File.Exists(marker) || File.GetLastWriteTimeUtc(marker) < File.GetLastWriteTimeUtc(lockFile))
            {
                var npm = Executables.Require("npm", "apt-get install -y npm");
                var result = await ProcessRunner.RunAsync(
                    npm, ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], Directory,
                    timeout: TimeSpan.FromMinutes(5), cancellationToken: cancellationToken).ConfigureAwait(false);
                result.EnsureSuccess();
                await File.WriteAllTextAsync(marker, DateTime.UtcNow.ToString("O"), cancellationToken).ConfigureAwait(false);
            }

            _installed = true;
        }
        finally
        {
            InProcess.Release();
        }
    }

    /// <summary>Starts <c>node &lt;script&gt; args</c> (a long-lived server) in <see cref="Directory"/>; stop it with <see cref="ProcessHost.StopAsync"/>.</summary>
    public static async Task<ProcessHost> StartScriptAsync(
        string script,
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        await EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        return ProcessHost.Start(Node(), [Path.Combine(Directory, script), .. arguments ?? []], environment, Directory);
    }

    /// <summary>Runs <c>node &lt;script&gt; args</c> to completion (bounded by <paramref name="timeout"/>, default 1 min).</summary>
    public static async Task<ProcessResult> RunScriptAsync(
        string script,
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        await EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        return await ProcessRunner.RunAsync(
            Node(), [Path.Combine(Directory, script), .. arguments ?? []], Directory, environment,
            timeout ?? TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
    }

    // Another test process (test.sh runs projects in parallel) may be installing: wait for its exclusive lock.
    private static async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, ".npm-install.lock");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(6);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
