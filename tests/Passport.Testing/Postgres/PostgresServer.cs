using System.Globalization;
using System.Text.RegularExpressions;

namespace Passport.Testing;

/// <summary>
/// A real PostgreSQL server (initdb + pg_ctl) on a free loopback port in a fresh temp folder, trust auth,
/// user <c>postgres</c>. initdb refuses to run as root, so as root the server runs as the <c>postgres</c> OS user
/// (via runuser, else su). Stopped with <c>pg_ctl stop -m fast</c>, then the postmaster id is checked gone.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string OsUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly string _binDirectory;
    private bool _running;

    private PostgresServer(string binDirectory, string root, int port)
    {
        _binDirectory = binDirectory;
        RootDirectory = root;
        Port = port;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The temp folder (data folder, socket, log), deleted on dispose.</summary>
    public string RootDirectory { get; }

    /// <summary>The cluster's data folder.</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>The server log.</summary>
    public string LogFile => Path.Combine(RootDirectory, "postgres.log");

    /// <summary>Npgsql connection string for the <c>postgres</c> database.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    /// <summary>The postmaster's process id, from postmaster.pid, while running.</summary>
    public int? PostmasterPid => ReadPostmasterPid();

    /// <summary>Npgsql connection string for another database on this server.</summary>
    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    /// <summary>Creates the cluster and starts the server; returns once it accepts connections.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory();
        var asRoot = Environment.IsPrivilegedProcess;
        var root = CreateRootDirectory(asRoot);
        var server = new PostgresServer(bin, root, FreePort.Get());
        try
        {
            if (asRoot)
            {
                (await ProcessRunner.RunAsync("chown", [$"{OsUser}:", root], cancellationToken: cancellationToken).ConfigureAwait(false))
                    .EnsureSuccess();
            }

            (await server.RunPgToolAsync("initdb",
                ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                cancellationToken).ConfigureAwait(false)).EnsureSuccess();

            for (var attempt = 1; ; attempt++)
            {
                var start = await server.RunPgToolAsync("pg_ctl", server.StartArguments(), cancellationToken).ConfigureAwait(false);
                if (start.ExitCode == 0)
                {
                    server._running = true;
                    return server;
                }

                if (attempt >= 3)
                {
                    var log = File.Exists(server.LogFile) ? await File.ReadAllTextAsync(server.LogFile, cancellationToken).ConfigureAwait(false) : "";
                    throw new InvalidOperationException($"PostgreSQL did not start on port {server.Port}:\n{start.Output}\n{log}");
                }

                server.Port = FreePort.Get(); // Most likely someone took the port meanwhile.
            }
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs SQL with psql against a database and returns psql's unaligned, tuples-only output.</summary>
    public async Task<string> ExecuteSqlAsync(string sql, string database = "postgres", CancellationToken cancellationToken = default)
    {
        var psql = Executables.Find("psql", [_binDirectory, "/usr/bin"])
            ?? throw new FileNotFoundException("'psql' not found; apt-get install -y postgresql-client");
        var result = await ProcessRunner.RunAsync(psql,
            ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", database,
             "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql],
            workingDirectory: RootDirectory, timeout: CommandTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.EnsureSuccess().Output.Trim();
    }

    /// <summary>Creates a database (name: letters, digits, '_') and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"Database name '{name}' must match {DatabaseName()}.", nameof(name));
        }

        await ExecuteSqlAsync($"CREATE DATABASE \"{name}\"", cancellationToken: cancellationToken).ConfigureAwait(false);
        return ConnectionStringFor(name);
    }

    /// <summary>Stops the server (pg_ctl stop -m fast) and makes sure the postmaster process is gone.</summary>
    public async Task StopAsync()
    {
        if (!_running)
        {
            return;
        }

        var pid = ReadPostmasterPid();
        await RunPgToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "stop"], CancellationToken.None).ConfigureAwait(false);
        if (pid is { } id)
        {
            await EnsureGoneAsync(id).ConfigureAwait(false);
        }

        _running = false;
    }

    /// <summary>Stops the server and deletes the temp folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            TempDirectory.TryDelete(RootDirectory);
        }
    }

    private string[] StartArguments() =>
    [
        "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60",
        "-o", $"-p {Port} -k {RootDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
        "start",
    ];

    private async Task<ProcessResult> RunPgToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(_binDirectory, tool);
        if (!Environment.IsPrivilegedProcess)
        {
            return await ProcessRunner.RunAsync(executable, arguments, RootDirectory, timeout: CommandTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (Executables.Find("runuser", ["/usr/sbin", "/sbin", "/usr/bin"]) is { } runuser)
        {
            return await ProcessRunner.RunAsync(runuser, ["-u", OsUser, "--", executable, .. arguments], RootDirectory,
                timeout: CommandTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var su = Executables.Require("su", "it is part of util-linux / login", ["/bin", "/usr/bin"]);
        var command = string.Join(' ', new[] { executable }.Concat(arguments).Select(ShellQuote));
        return await ProcessRunner.RunAsync(su, [OsUser, "-s", "/bin/sh", "-c", command], RootDirectory,
            timeout: CommandTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private int? ReadPostmasterPid()
    {
        try
        {
            var first = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task EnsureGoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (ProcessIds.IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                try
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    return;
                }

                deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private static string FindBinDirectory()
    {
        var initdb = Executables.Find("initdb");
        if (initdb is not null && Executables.Find("pg_ctl") is not null)
        {
            // Follow symlinks (/usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb) to the real bin folder.
            var target = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
            var dir = Path.GetDirectoryName(target)!;
            if (File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }

        const string lib = "/usr/lib/postgresql";
        if (Directory.Exists(lib))
        {
            var newest = Directory.GetDirectories(lib)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        throw new FileNotFoundException(
            "PostgreSQL server binaries (initdb, pg_ctl) are neither on PATH nor in /usr/lib/postgresql/*/bin; apt-get install -y postgresql, or run ./test.sh.");
    }

    private static string CreateRootDirectory(bool asRoot)
    {
        if (!asRoot)
        {
            return Directory.CreateTempSubdirectory("passport-pg-").FullName;
        }

        // The postgres OS user must reach the folder: under /tmp, not a root-only TMPDIR.
        var path = Path.Combine("/tmp", "passport-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
