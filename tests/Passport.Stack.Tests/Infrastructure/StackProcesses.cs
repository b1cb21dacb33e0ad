using System.Globalization;

namespace Passport.Stack.Tests.Infrastructure;

/// <summary>Finds the processes of a stack through /proc (Linux): who listens on a port, who holds files in a folder.</summary>
public static class StackProcesses
{
    /// <summary>True when a socket listens on TCP <paramref name="port"/> (any address, IPv4 or IPv6).</summary>
    public static bool IsListening(int port) => ListeningInodes(port).Count > 0;

    /// <summary>The ids of the processes that hold a listening socket on TCP <paramref name="port"/>.</summary>
    public static IReadOnlySet<int> ListeningOn(int port)
    {
        var inodes = ListeningInodes(port).Select(i => $"socket:[{i}]").ToHashSet(StringComparer.Ordinal);
        return inodes.Count == 0 ? new HashSet<int>() : ProcessesWithOpenFile(target => inodes.Contains(target));
    }

    /// <summary>
    /// The ids of the processes with a file open under <paramref name="directory"/>. run.sh points every process it starts
    /// at a log file in its data folder, so with a folder of the test's own this finds exactly the stack's processes.
    /// </summary>
    public static IReadOnlySet<int> WithFilesUnder(string directory)
    {
        var prefix = Path.GetFullPath(directory).TrimEnd('/') + "/";
        return ProcessesWithOpenFile(target => target.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>A readable line per process id: its command line, or that it is gone.</summary>
    public static string Describe(IEnumerable<int> pids) =>
        string.Join("\n", pids.Select(pid => $"  {pid}: {(ProcessIds.IsAlive(pid) ? CommandLine(pid) : "(gone)")}"));

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "(unreadable)";
        }
        catch (UnauthorizedAccessException)
        {
            return "(unreadable)";
        }
    }

    private static HashSet<string> ListeningInodes(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 10 || fields[3] != "0A")
                {
                    continue;
                }

                var local = fields[1];
                var colon = local.LastIndexOf(':');
                if (colon > 0
                    && int.TryParse(local.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var p)
                    && p == port)
                {
                    inodes.Add(fields[9]);
                }
            }
        }

        return inodes;
    }

    private static HashSet<int> ProcessesWithOpenFile(Func<string, bool> matches)
    {
        var pids = new HashSet<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && matches(target))
                    {
                        pids.Add(pid);
                        break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process exited while we looked, or is not ours to inspect.
            }
        }

        return pids;
    }
}
