using System.Globalization;
using System.Net;
using System.Text;

namespace Passport.Load.Reports;

/// <summary>A small line chart rendered as inline SVG (no scripts, no external resources).</summary>
public static class SvgChart
{
    private const int Width = 560;
    private const int Height = 240;
    private const int Left = 56;
    private const int Right = 12;
    private const int Top = 14;
    private const int Bottom = 36;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#7f7f7f", "#2ca02c", "#9467bd"];

    /// <summary>A named series of (x, y) points.</summary>
    /// <param name="Name">Legend text.</param>
    /// <param name="Points">The points, x ascending.</param>
    public sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points);

    /// <summary>Renders <paramref name="series"/>; <paramref name="xLabel"/> formats x tick values.</summary>
    public static string Render(string title, string xTitle, string yTitle, IReadOnlyList<Series> series, Func<double, string> xLabel, IReadOnlyList<double>? xTicks = null)
    {
        var all = series.SelectMany(s => s.Points).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Esc(title)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"11\" font-size=\"11\" font-weight=\"bold\">{Esc(title)}</text>");
        if (all.Count == 0)
        {
            sb.Append("<text x=\"60\" y=\"120\" font-size=\"12\">no data</text></svg>");
            return sb.ToString();
        }

        var (xMin, xMax) = (all.Min(p => p.X), all.Max(p => p.X));
        var yMax = NiceCeiling(all.Max(p => p.Y));
        if (xMax <= xMin)
        {
            xMax = xMin + 1;
        }

        double Px(double x) => Left + ((x - xMin) / (xMax - xMin) * (Width - Left - Right));
        double Py(double y) => Height - Bottom - (y / yMax * (Height - Top - Bottom - 10));

        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top + 10}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom - 10}\" fill=\"none\" stroke=\"#ccc\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var y = yMax * i / 4;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Py(y):0.#}\" y2=\"{Py(y):0.#}\" stroke=\"#eee\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Py(y) + 4:0.#}\" font-size=\"10\" text-anchor=\"end\">{y:0.###}</text>");
        }

        foreach (var x in xTicks?.Where(t => t >= xMin && t <= xMax) ?? Enumerable.Range(0, 6).Select(i => xMin + ((xMax - xMin) * i / 5)))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Px(x):0.#}\" y=\"{Height - Bottom + 14}\" font-size=\"10\" text-anchor=\"middle\">{Esc(xLabel(x))}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width) / 2}\" y=\"{Height - 6}\" font-size=\"10\" text-anchor=\"middle\">{Esc(xTitle)}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{Height / 2}\" font-size=\"10\" text-anchor=\"middle\" transform=\"rotate(-90 12 {Height / 2})\">{Esc(yTitle)}</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var color = Colors[s % Colors.Length];
            var points = string.Join(' ', series[s].Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{Px(p.X):0.#},{Py(p.Y):0.#}")));
            sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{points}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 8 + (s * 90)}\" y=\"{Top + 22}\" font-size=\"10\" fill=\"{color}\">{Esc(series[s].Name)}</text>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Maps a percentile to the x axis of a percentile chart: log10(1 / (1 − p)), so 90 → 1, 99 → 2, 99.9 → 3.</summary>
    public static double PercentileAxis(double percentile) => Math.Log10(1 / Math.Max(1e-6, 1 - (Math.Min(percentile, 99.9999) / 100)));

    /// <summary>The inverse of <see cref="PercentileAxis"/>, as a label.</summary>
    public static string PercentileLabel(double axis) => (100 * (1 - Math.Pow(10, -axis))).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    private static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
