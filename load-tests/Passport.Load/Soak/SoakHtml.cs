using System.Globalization;
using System.Net;
using System.Text;
using Passport.Load.Reports;

namespace Passport.Load.Soak;

/// <summary>soak.html: the per-phase table and inline SVG charts (no scripts, no external resources).</summary>
public static class SoakHtml
{
    /// <summary>The self-contained HTML report.</summary>
    public static string Render(SoakReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Passport soak</title>")
          .Append("<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}</style></head><body>");
        sb.Append(c, $"<h1>Soak: {Esc(report.Target)} at {report.RatePerSecond:0} req/s</h1><p>{Esc(report.GeneratedAt)} · {report.ProcessorCount} logical CPUs · <code>{Esc(report.Command)}</code></p><ul>");
        foreach (var note in report.Notes)
        {
            sb.Append("<li>").Append(Esc(note)).Append("</li>");
        }

        sb.Append("</ul>").Append(Chart(report)).Append(MemoryChart(report));
        sb.Append("<table><tr><th>phase</th><th>requests</th><th>failed</th><th>p50 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>CPU µs/req</th><th>working set MB</th><th>threads</th><th>handles</th><th>GC heap MB</th><th>gen2</th><th>GC pause ms</th><th>Redis MB</th><th>revocation ms</th></tr>");
        foreach (var p in report.Phases)
        {
            sb.Append(c, $"<tr><td>{p.Phase}</td><td>{p.Requests}</td><td>{p.Failed}</td><td>{p.P50Ms:0.00}</td><td>{p.P99Ms:0.00}</td><td>{p.P999Ms:0.00}</td><td>{F(p.CpuMicrosPerRequest, "0")}</td><td>{F(p.WorkingSetMb, "0.0")}</td><td>{p.Threads}</td><td>{p.Handles}</td><td>{F(p.GcHeapMb, "0.0")}</td><td>{p.Gen2Collections}</td><td>{F(p.GcPauseMs, "0")}</td><td>{F(p.RedisMemoryMb, "0.00")}</td><td>{(p.Revocation is { } o ? o.EnforcedAfterMs.ToString("0", c) + (o.Enforced ? string.Empty : " (not enforced)") : "—")}</td></tr>");
        }

        return sb.Append("</table></body></html>").ToString();
    }

    /// <summary>p50, p99 and p99.9 per phase, as an SVG (also written to soak-chart.svg for docs).</summary>
    public static string Chart(SoakReport report) => SvgChart.Render(
        "Latency per soak phase (open model, from the intended send time)", "phase (minute)", "ms",
        [
            new SvgChart.Series("p50", report.Phases.Select(p => ((double)p.Phase, p.P50Ms)).ToList()),
            new SvgChart.Series("p99", report.Phases.Select(p => ((double)p.Phase, p.P99Ms)).ToList()),
            new SvgChart.Series("p99.9", report.Phases.Select(p => ((double)p.Phase, p.P999Ms)).ToList()),
        ],
        x => x.ToString("0", CultureInfo.InvariantCulture));

    private static string MemoryChart(SoakReport report) => SvgChart.Render(
        "Gateway memory per soak phase", "phase (minute)", "MB",
        [
            new SvgChart.Series("working set", report.Phases.Where(p => p.WorkingSetMb is not null).Select(p => ((double)p.Phase, p.WorkingSetMb!.Value)).ToList()),
            new SvgChart.Series("GC heap", report.Phases.Where(p => p.GcHeapMb is not null).Select(p => ((double)p.Phase, p.GcHeapMb!.Value)).ToList()),
        ],
        x => x.ToString("0", CultureInfo.InvariantCulture));

    private static string F(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
