using System.Diagnostics;
using System.Globalization;

namespace Passport.Load.Soak;

/// <summary>
/// The gateway's GC numbers over one soak phase, read from outside with <c>dotnet-counters</c> (a .NET tool from the
/// NuGet registry: <c>dotnet tool install --tool-path /tmp/tools dotnet-counters</c>). Optional: without the tool the
/// soak reports memory, threads and handles from /proc only.
/// </summary>
/// <param name="GcHeapMb">GC heap after the phase's last collection, all generations, MB.</param>
/// <param name="Gen2Collections">Gen2 collections during the phase.</param>
/// <param name="GcPauseMs">Total GC pause time during the phase, ms.</param>
public sealed record RuntimeCounters(double? GcHeapMb, long? Gen2Collections, double? GcPauseMs)
{
    private const string Counters = "System.Runtime[dotnet.gc.last_collection.heap.size,dotnet.gc.collections,dotnet.gc.pause.time]";

    /// <summary>The dotnet-counters executable: DOTNET_COUNTERS, /tmp/tools, ~/.dotnet/tools; null when absent.</summary>
    public static string? Tool()
    {
        string?[] candidates =
        [
            Environment.GetEnvironmentVariable("DOTNET_COUNTERS"),
            "/tmp/tools/dotnet-counters",
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-counters"),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Starts collecting from <paramref name="pid"/> for <paramref name="duration"/> into <paramref name="csv"/>; null without the tool.</summary>
    public static Process? Start(int pid, TimeSpan duration, string csv)
    {
        if (Tool() is not { } tool)
        {
            return null;
        }

        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--duration", duration.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture), "--format", "csv", "-o", csv, "--counters", Counters })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info);
        // Drain the tool's console output so that it never blocks on a full pipe.
        _ = process?.StandardOutput.ReadToEndAsync();
        _ = process?.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>Waits (bounded) for <paramref name="collector"/> to finish and reads its CSV.</summary>
    public static async Task<RuntimeCounters> FinishAsync(Process? collector, string csv)
    {
        if (collector is null)
        {
            return new RuntimeCounters(null, null, null);
        }

        using (collector)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await collector.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                collector.Kill();
            }
        }

        return File.Exists(csv) ? Parse(await File.ReadAllLinesAsync(csv).ConfigureAwait(false)) : new RuntimeCounters(null, null, null);
    }

    /// <summary>
    /// Reads dotnet-counters CSV lines (<c>Timestamp,Provider,Counter Name,Counter Type,Mean/Increment</c>): rates are
    /// summed over the phase, the heap size is each generation's last sample, summed.
    /// </summary>
    public static RuntimeCounters Parse(IEnumerable<string> lines)
    {
        long? gen2 = null;
        double? pause = null;
        var heap = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length < 5 || !double.TryParse(fields[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var name = string.Join(',', fields[2..^2]);
            if (name.StartsWith("dotnet.gc.collections", StringComparison.Ordinal) && name.Contains("gen2", StringComparison.Ordinal))
            {
                gen2 = (gen2 ?? 0) + (long)value;
            }
            else if (name.StartsWith("dotnet.gc.pause.time", StringComparison.Ordinal))
            {
                pause = (pause ?? 0) + (value * 1000);
            }
            else if (name.StartsWith("dotnet.gc.last_collection.heap.size", StringComparison.Ordinal))
            {
                heap[name] = value; // per generation; later samples overwrite earlier ones
            }
        }

        return new RuntimeCounters(heap.Count > 0 ? Math.Round(heap.Values.Sum() / 1048576.0, 1) : null, gen2, pause is { } p ? Math.Round(p, 1) : null);
    }
}
