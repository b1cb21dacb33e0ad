using System.Globalization;
using System.Runtime.InteropServices;

namespace Passport.Load.Metrics;

/// <summary>Reads a process's CPU time (utime + stime from <c>/proc/&lt;pid&gt;/stat</c>) and resident memory (Linux).</summary>
public static class ProcessCpu
{
    private const int ScClkTck = 2;

    private static readonly Lazy<long> TicksPerSecond = new(() =>
    {
        try
        {
            var ticks = SysConf(ScClkTck);
            return ticks > 0 ? ticks : 100;
        }
        catch (DllNotFoundException)
        {
            return 100;
        }
    });

    /// <summary>User + system CPU time consumed so far by <paramref name="pid"/>, or null if it cannot be read.</summary>
    public static TimeSpan? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        return Parse(text, TicksPerSecond.Value);
    }

    /// <summary>Parses a <c>/proc/&lt;pid&gt;/stat</c> line: fields 14 (utime) and 15 (stime), after the parenthesised command name.</summary>
    public static TimeSpan? Parse(string stat, long ticksPerSecond)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        // After ") " the fields start at field 3 (state); utime is field 14, stime field 15.
        var fields = stat[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var stime))
        {
            return null;
        }

        return TimeSpan.FromSeconds((utime + stime) / (double)ticksPerSecond);
    }

    /// <summary>Resident set size of <paramref name="pid"/> in bytes (VmRSS), or null.</summary>
    public static long? ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);
}
