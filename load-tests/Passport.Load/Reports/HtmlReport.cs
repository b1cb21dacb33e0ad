using System.Globalization;
using System.Net;
using System.Text;

namespace Passport.Load.Reports;

/// <summary>A self-contained HTML report: tables plus inline SVG charts (latency over time, percentile curve). No scripts, no CDN.</summary>
public static class HtmlReport
{
    /// <summary>Renders <paramref name="report"/>.</summary>
    public static string Render(SuiteReport report)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>PassportGateway load test</title><style>")
          .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 16px}")
          .Append("td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:right}th{background:#f4f4f4}td:first-child{text-align:left}")
          .Append(".run{border-top:1px solid #ddd;margin-top:18px;padding-top:8px}.charts{display:flex;flex-wrap:wrap;gap:12px}.note{color:#a33}")
          .Append("</style></head><body>");
        sb.Append(CultureInfo.InvariantCulture, $"<h1>PassportGateway load test</h1><p>{E(report.GeneratedAt)} · {report.ProcessorCount} logical CPUs shared by client, proxy, upstream and Redis · <code>{E(report.Command)}</code></p>");
        foreach (var note in report.Notes)
        {
            sb.Append("<p class=\"note\">").Append(E(note)).Append("</p>");
        }

        if (report.Headline.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<h2>Headline (ratios to bare YARP; fixed rate {report.FixedRatePerSecond:0}/s)</h2>");
            sb.Append("<table><tr><th>target</th><th>max req/s</th><th>× bare YARP</th><th>p99 at fixed rate (ms)</th><th>p99 ÷ bare</th><th>p99 − bare (ms)</th><th>CPU µs/request</th><th>failed</th></tr>");
            foreach (var row in report.Headline)
            {
                sb.Append("<tr><td>").Append(E(row.Target)).Append("</td>")
                  .Append(Td(row.MaxThroughput, "0")).Append(Td(row.MaxThroughputRatio, "0.00")).Append(Td(row.P99AtFixedRateMs, "0.00"))
                  .Append(Td(row.P99Ratio, "0.00")).Append(Td(row.P99DeltaMs, "+0.00;-0.00"))
                  .Append("<td>").Append(E(string.Join(", ", row.CpuMicrosPerRequest.Select(p => p.Key + " " + p.Value.ToString("0", CultureInfo.InvariantCulture))))).Append("</td>")
                  .Append(CultureInfo.InvariantCulture, $"<td>{row.Failed}</td></tr>");
            }

            sb.Append("</table>");
        }

        sb.Append("<h2>Runs</h2><table><tr><th>scenario</th><th>model</th><th>req/s</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th><th>ok</th><th>failed</th><th>status codes</th></tr>");
        foreach (var r in report.Runs)
        {
            sb.Append("<tr><td>").Append(E(r.Scenario)).Append("</td><td>").Append(E(r.Model)).Append("</td>")
              .Append(Td(r.ThroughputPerSecond, "0")).Append(Td(r.LatencyMs.P50, "0.00")).Append(Td(r.LatencyMs.P90, "0.00")).Append(Td(r.LatencyMs.P99, "0.00"))
              .Append(Td(r.LatencyMs.P999, "0.00")).Append(Td(r.LatencyMs.Max, "0.00"))
              .Append(CultureInfo.InvariantCulture, $"<td>{r.Ok}</td><td>{r.Failed}</td><td>{E(string.Join(" ", r.StatusCodes.Select(p => p.Key + ":" + p.Value)))}</td></tr>");
        }

        sb.Append("</table>");
        foreach (var r in report.Runs)
        {
            AppendRun(sb, r);
        }

        sb.Append("</body></html>");
        return sb.ToString();
    }

    private static void AppendRun(StringBuilder sb, ScenarioResult r)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"run\"><h3>{E(r.Scenario)} — {E(r.Model)}</h3><p>{E(r.Description)}</p>");
        sb.Append(CultureInfo.InvariantCulture, $"<p>{r.Requests} requests in {r.DurationSeconds:0.0} s ({r.ThroughputPerSecond:0}/s) after {r.WarmUpSeconds:0} s warm-up; ");
        sb.Append(E(string.Join(", ", r.Processes.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}: {p.CpuMicrosPerRequest:0} µs CPU/req, {p.CoresUsed:0.00} cores, RSS {p.RssStartMb:0}→{p.RssEndMb:0} MB"))))).Append("</p>");
        foreach (var note in r.Notes)
        {
            sb.Append("<p class=\"note\">").Append(E(note)).Append("</p>");
        }

        if (r.Counters.Count > 0 || r.Extra.Count > 0)
        {
            sb.Append("<p>").Append(E(string.Join(", ", r.Counters.Select(p => p.Key + " = " + p.Value).Concat(r.Extra.Select(p => p.Key + " = " + p.Value.ToString("0.###", CultureInfo.InvariantCulture)))))).Append("</p>");
        }

        var timeline = new List<SvgChart.Series>
        {
            new("p50", r.Timeline.Select(p => (p.ElapsedSeconds, p.P50Ms)).ToList()),
            new("p99", r.Timeline.Select(p => (p.ElapsedSeconds, p.P99Ms)).ToList()),
            new("max", r.Timeline.Select(p => (p.ElapsedSeconds, p.MaxMs)).ToList()),
        };
        var curve = new List<SvgChart.Series>
        {
            new("latency", r.Percentiles.Select(p => (SvgChart.PercentileAxis(p.Percentile), p.LatencyMs)).ToList()),
        };
        var rate = new List<SvgChart.Series>
        {
            new("requests/s", r.Timeline.Select(p => (p.ElapsedSeconds, (double)p.Requests)).ToList()),
            new("failures/s", r.Timeline.Select(p => (p.ElapsedSeconds, (double)p.Failures)).ToList()),
        };
        sb.Append("<div class=\"charts\">")
          .Append(SvgChart.Render("Latency over time", "seconds", "ms", timeline, x => x.ToString("0", CultureInfo.InvariantCulture)))
          .Append(SvgChart.Render("Latency by percentile", "percentile", "ms", curve, SvgChart.PercentileLabel, [0, 1, 2, 3, 4, 5]))
          .Append(SvgChart.Render("Throughput over time", "seconds", "per second", rate, x => x.ToString("0", CultureInfo.InvariantCulture)))
          .Append("</div></div>");
    }

    private static string Td(double? value, string format) =>
        "<td>" + (value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—") + "</td>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
