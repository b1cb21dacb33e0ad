using System.Globalization;
using System.Text.RegularExpressions;

namespace Passport.Load.WrkCheck;

/// <summary>What wrk printed, parsed: requests/s, latency percentiles (with <c>--latency</c>), non-2xx count.</summary>
/// <param name="RequestsPerSecond">"Requests/sec:" line.</param>
/// <param name="P50Ms">50% line of the latency distribution, ms.</param>
/// <param name="P99Ms">99% line of the latency distribution, ms.</param>
/// <param name="Requests">"N requests in …" line.</param>
/// <param name="Non2xx">"Non-2xx or 3xx responses:" line (0 when absent).</param>
/// <param name="SocketErrors">Sum of the "Socket errors:" counts.</param>
public sealed partial record WrkOutput(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Non2xx, long SocketErrors)
{
    /// <summary>Parses wrk's text output; throws <see cref="FormatException"/> when the rate line is missing.</summary>
    public static WrkOutput Parse(string text)
    {
        var rate = RateLine().Match(text);
        if (!rate.Success)
        {
            throw new FormatException("wrk printed no 'Requests/sec:' line:\n" + text);
        }

        var requests = RequestsLine().Match(text);
        var non2xx = Non2xxLine().Match(text);
        var socket = SocketLine().Match(text);
        long socketErrors = 0;
        if (socket.Success)
        {
            for (var g = 1; g <= 4; g++)
            {
                socketErrors += long.Parse(socket.Groups[g].Value, CultureInfo.InvariantCulture);
            }
        }

        return new WrkOutput(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(text, "50"),
            Percentile(text, "99"),
            requests.Success ? long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socketErrors);
    }

    private static double Percentile(string text, string percentile)
    {
        var match = Regex.Match(text, @"^\s+" + percentile + @"%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return double.NaN;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "s" => value * 1000,
            _ => value,
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RateLine();

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketLine();
}
