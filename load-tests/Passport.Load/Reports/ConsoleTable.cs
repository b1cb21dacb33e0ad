using System.Globalization;
using System.Text;

namespace Passport.Load.Reports;

/// <summary>The plain-text tables printed at the end of a run.</summary>
public static class ConsoleTable
{
    /// <summary>One line per scenario run.</summary>
    public static string Runs(IEnumerable<ScenarioResult> runs)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Row("scenario", "model", "req/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "ok", "failed", "status codes", "CPU µs/req"));
        foreach (var r in runs)
        {
            var codes = string.Join(' ', r.StatusCodes.Select(p => p.Key + ":" + p.Value.ToString(CultureInfo.InvariantCulture)));
            var cpu = string.Join(' ', r.Processes.Select(p => p.Name + "=" + p.CpuMicrosPerRequest.ToString("0", CultureInfo.InvariantCulture)));
            sb.AppendLine(Row(r.Scenario, r.Model, N(r.ThroughputPerSecond, "0"), N(r.LatencyMs.P50), N(r.LatencyMs.P90), N(r.LatencyMs.P99), N(r.LatencyMs.P999), N(r.LatencyMs.Max),
                r.Ok.ToString(CultureInfo.InvariantCulture), r.Failed.ToString(CultureInfo.InvariantCulture), codes, cpu));
            foreach (var note in r.Notes)
            {
                sb.AppendLine("    note: " + note);
            }

            if (r.Counters.Count > 0)
            {
                sb.AppendLine("    counters: " + string.Join(' ', r.Counters.Select(p => p.Key + "=" + p.Value.ToString(CultureInfo.InvariantCulture))));
            }

            if (r.Extra.Count > 0)
            {
                sb.AppendLine("    " + string.Join(' ', r.Extra.Select(p => p.Key + "=" + p.Value.ToString("0.###", CultureInfo.InvariantCulture))));
            }
        }

        return sb.ToString();
    }

    private static string Row(params string[] cells)
    {
        int[] widths = [22, 16, 9, 8, 8, 8, 9, 8, 9, 7, 24, 0];
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            sb.Append(i < 2 || i >= 10 ? cells[i].PadRight(widths[i]) : cells[i].PadLeft(widths[i])).Append(' ');
        }

        return sb.ToString().TrimEnd();
    }

    private static string N(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
}
