using System.Globalization;
using Passport.Load.Suite;
using Passport.Load.WrkCheck;

namespace Passport.Load.Cli;

/// <summary>The command line: <c>run</c> (the suite) and <c>wrk</c> (the wrk cross-check).</summary>
public static class LoadCommand
{
    private const string Usage = """
        usage: Passport.Load run [options]      run scenarios, write reports and (with --docs) the headline table
               Passport.Load wrk [options]      cross-check one target with wrk + load-tests/wrk/dpop.lua
               Passport.Load soak --soak-minutes M --rate R [options]
                                                gateway + Redis at R/s for M minutes in 1-minute phases: per phase
                                                p50/p99/p99.9, CPU/request, working set, threads, handles, GC heap,
                                                gen2, GC pause (with dotnet-counters in /tmp/tools), Redis memory,
                                                one revocation (refused within 1 s?); then CPU/request at saturation;
                                                writes soak.json, soak.html, soak-chart.svg
        options:
          --scenarios a,b,...   default: all of direct,bare-yarp,yarp-jwtbearer,gateway-memory,gateway-redis,
                                gateway-delegation,gateway-mix,gateway-es256,gateway-revocation (gateway ones skipped
                                until built)
          --warmup S            warm-up before each max-throughput run (default 20)
          --duration S          measured phase of each run (default 10, at most 90: proofs' iat window)
          --open-warmup S       warm-up before each fixed-rate run (default 5)
          --users N             closed-model virtual users (default 32)
          --rounds N            alternating rounds over all targets, medians reported (default 3)
          --rate R              fixed arrival rate (default: half of the gateway's max)
          --loads F,F,...       fixed-rate loads as fractions of the gateway's max (default 0.5; e.g. 0.5,0.8):
                                p99 and p99.9 deltas to bare YARP at each load, same round
          --gateway-env K=V     environment variable of the gateway process (repeatable; e.g. DOTNET_gcServer=0)
          --open-only           fixed-rate runs only (smoke tests)
          --out DIR             report folder (default load-tests/results/<timestamp>)
          --docs FILE           update FILE (docs/benchmarks.md) between the load-test markers
          --configuration C     build configuration of the started processes (default Release)
          --client raw|httpclient  load client: minimal HTTP/1.1 sockets (default) or SocketsHttpHandler
          --soak-minutes M      soak length (default 10)
          --no-progress         no live progress line
        """;

    /// <summary>Parses <paramref name="args"/> and runs; returns the exit code (0 ok, 1 failures seen, 2 bad usage).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" || args[0] is not ("run" or "wrk" or "soak"))
        {
            error.WriteLine(Usage);
            return 2;
        }

        SuiteOptions options;
        try
        {
            options = Parse(args);
        }
        catch (FormatException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine(Usage);
            return 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };

        if (args[0] == "soak")
        {
            var minutes = SoakMinutes(args);
            return await new SoakRunner(options, TimeSpan.FromMinutes(minutes), output, error).RunAsync(cts.Token).ConfigureAwait(false);
        }

        if (args[0] == "wrk")
        {
            return await new WrkRunner(options, output, error).RunAsync(cts.Token).ConfigureAwait(false);
        }

        var report = await new SuiteRunner(options, output, error).RunAsync(cts.Token).ConfigureAwait(false);
        return report.Runs.Any(r => r.Failed > 0) ? 1 : 0;
    }

    /// <summary>Parses the options after the command word.</summary>
    public static SuiteOptions Parse(string[] args)
    {
        var options = new SuiteOptions { OutputDirectory = string.Empty, Command = "Passport.Load " + string.Join(' ', args) };
        string? output = null;
        for (var i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--scenarios":
                    var names = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = names.Except(TargetNames.All).ToList();
                    if (unknown.Count > 0)
                    {
                        throw new FormatException($"unknown scenario(s) {string.Join(", ", unknown)}; expected: {string.Join(", ", TargetNames.All)}");
                    }

                    options = options with { Scenarios = names };
                    break;
                case "--warmup":
                    options = options with { WarmUp = Seconds(Next(), 0, 300) };
                    break;
                case "--duration":
                    options = options with { Duration = Seconds(Next(), 1, 90) };
                    break;
                case "--open-warmup":
                    options = options with { OpenWarmUp = Seconds(Next(), 0, 300) };
                    break;
                case "--users":
                    options = options with { Users = (int)Number(Next(), 1, 4096) };
                    break;
                case "--rounds":
                    options = options with { Rounds = (int)Number(Next(), 1, 20) };
                    break;
                case "--rate":
                    options = options with { Rate = Number(Next(), 1, 1_000_000) };
                    break;
                case "--loads":
                    var loads = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => Number(f, 0.01, 1.5)).ToList();
                    options = loads.Count > 0 ? options with { Loads = loads } : throw new FormatException("--loads needs at least one fraction.");
                    break;
                case "--gateway-env":
                    var pair = Next();
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    options = eq > 0
                        ? options with { GatewayEnvironment = new Dictionary<string, string>(options.GatewayEnvironment) { [pair[..eq]] = pair[(eq + 1)..] } }
                        : throw new FormatException("--gateway-env takes KEY=VALUE.");
                    break;
                case "--open-only":
                    options = options with { OpenOnly = true };
                    break;
                case "--out":
                    output = Next();
                    break;
                case "--docs":
                    options = options with { BenchmarksDoc = Next() };
                    break;
                case "--configuration":
                    options = options with { Configuration = Next() };
                    break;
                case "--client":
                    var client = Next();
                    options = client is "raw" or "httpclient" ? options with { Client = client } : throw new FormatException("--client must be raw or httpclient.");
                    break;
                case "--soak-minutes":
                    _ = Number(Next(), 0.1, 120);
                    break;
                case "--no-progress":
                    options = options with { Progress = false };
                    break;
                default:
                    throw new FormatException($"unknown option {args[i]}");
            }
        }

        output ??= Path.Combine("load-tests", "results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        return options with { OutputDirectory = Path.GetFullPath(output) };
    }

    private static double SoakMinutes(string[] args)
    {
        var i = Array.IndexOf(args, "--soak-minutes");
        return i > 0 && i + 1 < args.Length ? Number(args[i + 1], 0.1, 120) : 10;
    }

    private static TimeSpan Seconds(string text, double min, double max) => TimeSpan.FromSeconds(Number(text, min, max));

    private static double Number(string text, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"'{text}' must be a number from {min} to {max}.");
}
