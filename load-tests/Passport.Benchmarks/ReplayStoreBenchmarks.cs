using System.Buffers.Text;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Passport.AspNetCore.Replay;
using Passport.Benchmarks.Baselines;
using Passport.Gateway.Configuration;

namespace Passport.Benchmarks;

/// <summary>
/// The memory replay store in its steady state at the load test's rate: 4,500 fresh proofs a second, each kept for
/// 121 s (≈ 545,000 live entries), on a fake clock that advances 10 ms every 45 proofs, so that the store's own expiry
/// work (timers fire inside <see cref="FakeTimeProvider.Advance"/>) is part of what is measured. One operation is one
/// <c>TryRecordAsync</c>. Baseline: the store before per-second buckets (<see cref="SweepingReplayStore"/>: a sweep of
/// every entry every 5 s, tuple keys).
/// </summary>
[MemoryDiagnoser]
public class ReplayStoreBenchmarks
{
    private const int PerSecond = 4_500;
    private const int TtlSeconds = 121;
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(TtlSeconds);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    private FakeTimeProvider _time = null!;
    private IDisposable _store = null!;
    private Func<string, string, TimeSpan, ValueTask<bool>> _record = null!;
    private Func<int> _count = null!;
    private string[] _jkts = null!;
    private string[] _jtis = null!;
    private int _next;
    private bool _jktPerProof;

    [GlobalSetup(Target = nameof(Sweeping))]
    public void SetupSweeping() => Setup(sweeping: true);

    [GlobalSetup(Target = nameof(Buckets))]
    public void SetupBuckets() => Setup(sweeping: false);

    private void Setup(bool sweeping)
    {
        _time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_716_400_000));
        var options = Options.Create(new PassportGatewayOptions());
        if (sweeping)
        {
            var store = new SweepingReplayStore(options, _time);
            (_store, _record, _count) = (store, store.TryRecordAsync, () => store.Count);
        }
        else
        {
            var store = new MemoryReplayStore(_time, options.Value.Replay.MaxEntries, options.Value.Dpop.IssuedAtWindowSeconds);
            (_store, _record, _count) = (store, store.TryRecordAsync, () => store.Count);
        }
        // 1,000 agents' JWK thumbprints; a jti cycle longer than the TTL, so a jti comes back only once its previous
        // entry has expired.
        _jkts = Enumerable.Range(0, 1_000).Select(_ => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))).ToArray();
        _jtis = Enumerable.Range(0, PerSecond * (TtlSeconds + 10)).Select(_ => Guid.NewGuid().ToString("N")[..22]).ToArray();
        for (var second = 0; second < TtlSeconds + 5; second++) OneSecond();
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = PerSecond)]
    public int Sweeping() => OneSecond();

    [Benchmark(OperationsPerInvoke = PerSecond)]
    public int Buckets() => OneSecond();

    private int OneSecond()
    {
        var accepted = 0;
        for (var i = 0; i < PerSecond; i++)
        {
            if (i % 45 == 0) _time.Advance(Step);
            var n = _next++;
            if (_next == _jtis.Length) _next = 0;
            // The proof validator makes a new jkt string for every proof; the timed runs share them to time the store only.
            var jkt = _jktPerProof ? new string(_jkts[n % _jkts.Length]) : _jkts[n % _jkts.Length];
            if (_record(jkt, _jtis[n], Ttl).Result) accepted++;
        }
        if (accepted != PerSecond) throw new InvalidOperationException($"{PerSecond - accepted} fresh proofs refused");
        return accepted;
    }

    /// <summary>
    /// Both stores in alternating rounds of five simulated seconds (22,500 records: exactly one of the baseline's 5 s
    /// sweeps per round), each round's thread CPU time per record divided by the same round's baseline; medians
    /// printed, as <see cref="PairedRounds"/> does for the crypto (<c>--paired-replay [rounds]</c>).
    /// </summary>
    public static void RunPaired(int rounds)
    {
        var sweeping = new ReplayStoreBenchmarks();
        sweeping.Setup(sweeping: true);
        var buckets = new ReplayStoreBenchmarks();
        buckets.Setup(sweeping: false);
        var stores = new[] { sweeping, buckets };
        var cpu = new double[2, rounds];
        var wall = new double[2, rounds];
        for (var r = 0; r < rounds; r++)
        {
            for (var k = 0; k < 2; k++)
            {
                var i = (k + r) % 2;
                var cpuStart = PairedRounds.ThreadCpuMicroseconds();
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                for (var second = 0; second < 5; second++) stores[i].OneSecond();
                wall[i, r] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMicroseconds / (5 * PerSecond);
                cpu[i, r] = (PairedRounds.ThreadCpuMicroseconds() - cpuStart) / (5 * PerSecond);
            }
        }
        double Median(IEnumerable<double> values) => values.Order().ElementAt(rounds / 2);
        Console.WriteLine($"Replay stores, paired: {rounds} rounds x {5 * PerSecond} records, ~{sweeping._count():N0} live entries, load average {PairedRounds.LoadAverage()}");
        Console.WriteLine("| store | thread-CPU µs/record (median) | CPU ratio (median of rounds) | wall µs/record (median) | wall ratio (median of rounds) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var names = new[] { "sweeping (baseline)", "buckets" };
        for (var i = 0; i < 2; i++)
        {
            var index = i;
            Console.WriteLine($"| {names[i]} | {Median(Enumerable.Range(0, rounds).Select(r => cpu[index, r])):F2} | {Median(Enumerable.Range(0, rounds).Select(r => cpu[index, r] / cpu[0, r])):F2}× " +
                $"| {Median(Enumerable.Range(0, rounds).Select(r => wall[index, r])):F2} | {Median(Enumerable.Range(0, rounds).Select(r => wall[index, r] / wall[0, r])):F2}× |");
        }
        sweeping.Cleanup();
        buckets.Cleanup();
    }

    /// <summary>Managed heap kept per live entry in the steady state above, each store in turn (<c>--replay-memory</c>).</summary>
    public static void PrintRetainedBytesPerEntry()
    {
        foreach (var sweeping in new[] { true, false })
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var benchmark = new ReplayStoreBenchmarks { _jktPerProof = true };
            benchmark.Setup(sweeping);
            benchmark._jtis = [];
            benchmark._jkts = [];
            // What the store holds once the workload's own jti strings are dropped (those it references stay).
            var after = GC.GetTotalMemory(forceFullCollection: true);
            var count = benchmark._count();
            Console.WriteLine($"{(sweeping ? "sweeping" : "buckets")}: {count:N0} live entries, {(after - before) / (double)count:F0} B of heap per entry");
            benchmark.Cleanup();
            GC.KeepAlive(benchmark);
        }
    }
}
