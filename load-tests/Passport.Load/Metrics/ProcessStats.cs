using System.Globalization;

namespace Passport.Load.Metrics;

/// <summary>Thread and handle counts of a process, read from /proc (Linux); null elsewhere or when it has exited.</summary>
public static class ProcessStats
{
    /// <summary>Threads of <paramref name="pid"/> (<c>Threads:</c> of /proc/PID/status).</summary>
    public static int? Threads(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    return int.Parse(line.AsSpan(8).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return null;
    }

    /// <summary>Open file descriptors (sockets, files, pipes) of <paramref name="pid"/>: the entries of /proc/PID/fd.</summary>
    public static int? Handles(int pid)
    {
        try
        {
            return Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
