using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Passport.Benchmarks;

/// <summary>
/// Ratios that survive a shared, noisy machine: the benchmarks of <see cref="CoreBenchmarks"/> and
/// <see cref="AlgorithmBenchmarks"/> run in alternating
/// rounds of a few milliseconds each, and every round's time per operation is divided by the same round's baseline.
/// The medians over all rounds are printed, with the bytes allocated per operation on the measuring thread. BenchmarkDotNet measures one benchmark after another, so a load change
/// between two of them shows up in its ratio; here both sides of a ratio see the same load. Each round is timed twice:
/// wall clock, and the thread's own CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), which excludes the time the
/// thread waited for a core that other processes held — the fairer cost measure on a shared machine.
/// Usage: dotnet run -c Release --project load-tests/Passport.Benchmarks -- --paired [rounds]
/// </summary>
internal static class PairedRounds
{
    public static void Run(int rounds)
    {
        var b = new CoreBenchmarks();
        b.Setup();
        var a = new AlgorithmBenchmarks();
        a.Setup();
        // Group = the raw operation the case is divided by; the first case of each group is that baseline.
        (string Name, string Group, Action Op)[] cases =
        [
            ("raw NSec Ed25519 verify", "verify", () => b.RawVerify()),
            ("raw NSec verify incl. public key import", "verify", () => b.RawVerifyWithImport()),
            ("DPoP proof validation (with ath, jkt)", "verify", () => b.ProofValidation()),
            ("token validation, lean (uncached)", "verify", () => b.TokenValidationLean()),
            ("token validation, JsonWebTokenHandler (uncached)", "verify", () => b.TokenValidationIdentityModel().GetAwaiter().GetResult()),
            ("raw NSec Ed25519 sign", "sign", () => b.RawSign()),
            ("DPoP proof creation (with ath)", "sign", () => b.ProofCreation()),
            ("raw ECDsa P-256 verify of the proof (key pre-imported)", "es256-proof", () => a.RawP256VerifyProof()),
            ("P256Verifier.Verify (the validator's verify: jwk x, y)", "es256-proof", () => a.P256VerifierVerify()),
            ("ES256 DPoP proof validation (with ath, jkt)", "es256-proof", () => a.Es256ProofValidation()),
            ("raw ECDsa P-256 verify of the token (key pre-imported)", "es256-token", () => a.RawP256VerifyToken()),
            ("ES256 token validation, ForeignTokenValidator (uncached)", "es256-token", () => a.Es256TokenValidation().GetAwaiter().GetResult()),
            ("raw RSA-2048 PKCS#1 v1.5 verify of the token (key pre-imported)", "rs256-token", () => a.RawRsaVerifyToken()),
            ("RS256 token validation, ForeignTokenValidator (uncached)", "rs256-token", () => a.Rs256TokenValidation().GetAwaiter().GetResult()),
        ];
        var baselineOf = cases.Select(c => Array.FindIndex(cases, d => d.Group == c.Group)).ToArray();
        const int opsPerRound = 40;
        var perOp = new double[cases.Length][];
        var cpuPerOp = new double[cases.Length][];
        var bytesPerOp = new double[cases.Length][];
        for (var i = 0; i < cases.Length; i++)
        {
            perOp[i] = new double[rounds];
            cpuPerOp[i] = new double[rounds];
            bytesPerOp[i] = new double[rounds];
        }

        for (var warm = 0; warm < 2000; warm++) foreach (var c in cases) c.Op();
        for (var r = 0; r < rounds; r++)
        {
            // Rotate the starting case so that no case always runs right after the same neighbour.
            for (var k = 0; k < cases.Length; k++)
            {
                var i = (k + r) % cases.Length;
                var op = cases[i].Op;
                var bytesStart = GC.GetAllocatedBytesForCurrentThread();
                var cpuStart = ThreadCpuMicroseconds();
                var start = Stopwatch.GetTimestamp();
                for (var n = 0; n < opsPerRound; n++) op();
                perOp[i][r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / opsPerRound;
                cpuPerOp[i][r] = (ThreadCpuMicroseconds() - cpuStart) / opsPerRound;
                bytesPerOp[i][r] = (double)(GC.GetAllocatedBytesForCurrentThread() - bytesStart) / opsPerRound;
            }
        }

        Console.WriteLine($"Paired rounds: {rounds} rounds x {opsPerRound} ops per case, {Environment.ProcessorCount} logical CPUs, load average {LoadAverage()}");
        Console.WriteLine("| Case | wall µs/op (median) | wall ratio (median of rounds) | p10–p90 | thread-CPU µs/op (median) | CPU ratio (median of rounds) | p10–p90 | allocated B/op (median) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < cases.Length; i++)
        {
            var baselineIndex = baselineOf[i];
            var ratios = Enumerable.Range(0, rounds).Select(r => perOp[i][r] / perOp[baselineIndex][r]).Order().ToArray();
            var times = perOp[i].Order().ToArray();
            var cpuRatios = Enumerable.Range(0, rounds).Select(r => cpuPerOp[i][r] / cpuPerOp[baselineIndex][r]).Order().ToArray();
            var cpuTimes = cpuPerOp[i].Order().ToArray();
            var bytes = bytesPerOp[i].Order().ToArray();
            Console.WriteLine($"| {cases[i].Name} | {times[rounds / 2]:F1} | {ratios[rounds / 2]:F2}× {cases[i].Group} | {ratios[rounds / 10]:F2}–{ratios[rounds * 9 / 10]:F2} " +
                $"| {cpuTimes[rounds / 2]:F1} | {cpuRatios[rounds / 2]:F2}× {cases[i].Group} | {cpuRatios[rounds / 10]:F2}–{cpuRatios[rounds * 9 / 10]:F2} | {bytes[rounds / 2]:F0} |");
        }
        b.Cleanup();
        a.Cleanup();
    }

    internal static double ThreadCpuMicroseconds()
    {
        if (!OperatingSystem.IsLinux()) return Stopwatch.GetTimestamp() * 1e6 / Stopwatch.Frequency;
        clock_gettime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var ts);
        return ts.Seconds * 1e6 + ts.Nanoseconds / 1e3;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clockId, out Timespec time);

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
