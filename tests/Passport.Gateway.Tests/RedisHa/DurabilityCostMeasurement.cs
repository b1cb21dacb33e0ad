using System.Diagnostics;
using System.Globalization;
using System.Net;
using Passport.Gateway.Tests.Infrastructure;
using Passport.Testing;
using Xunit.Abstractions;

namespace Passport.Gateway.Tests.RedisHa;

/// <summary>A fact that runs only when <c>PASSPORT_MEASURE=1</c>: measurements, not tests (they assert no duration).</summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public MeasurementFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("PASSPORT_MEASURE") != "1") Skip = "A measurement: run with PASSPORT_MEASURE=1.";
    }
}

/// <summary>
/// The cost of <c>Replay:Durability=Replicated</c> against <c>Fast</c>: two gateways on one primary with one replica,
/// alternating rounds of N requests at a fixed concurrency, fresh proof each; throughput and p50/p99 per mode (medians of rounds)
/// and the requests refused (503: no replica acknowledgement within the timeout).
/// <c>PASSPORT_MEASURE=1 dotnet test tests/Passport.Gateway.Tests -c Release --filter FullyQualifiedName~DurabilityCostMeasurement --logger "console;verbosity=detailed"</c>
/// </summary>
[Trait("Category", "Slow")]
public sealed class DurabilityCostMeasurement(ITestOutputHelper output)
{
    private const int Requests = 3000;
    private const int Concurrency = 16;
    private const int Rounds = 3;

    [MeasurementFact]
    public async Task Replicated_against_fast_on_a_primary_with_one_replica()
    {
        await using var primary = await RedisServer.StartAsync();
        await using var replica = await RedisServer.StartAsync(["--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture)]);
        await using var fast = await HaStack.StartAsync(primary.ConnectionString, gateways: 1, durability: "Fast");
        await using var replicated = await HaStack.StartAsync(primary.ConnectionString, gateways: 1, durability: "Replicated");
        var results = new Dictionary<string, List<(double Rps, double P50, double P99, int Refused)>> { ["Fast"] = [], ["Replicated"] = [] };
        await RoundAsync(fast, Requests / 3); // warm-up, not counted
        await RoundAsync(replicated, Requests / 3);
        for (var round = 0; round < Rounds; round++)
        {
            results["Fast"].Add(await RoundAsync(fast, Requests));
            results["Replicated"].Add(await RoundAsync(replicated, Requests));
        }
        foreach (var (mode, rounds) in results)
        {
            output.WriteLine(FormattableString.Invariant(
                $"{mode,-10} {Median(rounds.Select(r => r.Rps)),8:F0} req/s  p50 {Median(rounds.Select(r => r.P50)),6:F2} ms  p99 {Median(rounds.Select(r => r.P99)),6:F2} ms  refused {rounds.Sum(r => r.Refused)} of {Rounds * Requests}  (rounds: {string.Join(" ", rounds.Select(r => r.Rps.ToString("F0", CultureInfo.InvariantCulture)))})"));
        }
    }

    private static async Task<(double Rps, double P50, double P99, int Refused)> RoundAsync(HaStack stack, int requests)
    {
        var agent = new TestAgent();
        var token = agent.Token(stack.Issuer, HaStack.Audience);
        var latencies = new double[requests];
        var next = -1;
        var refused = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await HaStack.SendAsync(stack.A, agent, token, Guid.NewGuid().ToString("N"));
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref refused);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return (requests / elapsed, latencies[requests / 2], latencies[(int)(requests * 0.99)], refused);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
