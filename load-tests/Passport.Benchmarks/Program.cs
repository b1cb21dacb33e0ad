using BenchmarkDotNet.Running;
using Passport.Benchmarks;

// Usage (see docs/benchmarks.md):
//   dotnet run -c Release --project load-tests/Passport.Benchmarks -- --filter '*' --job short   (BenchmarkDotNet)
//   dotnet run -c Release --project load-tests/Passport.Benchmarks -- --paired [rounds]         (alternating rounds)
//   dotnet run -c Release --project load-tests/Passport.Benchmarks -- --gateway-path [rounds] [requests per round]
//   dotnet run -c Release --project load-tests/Passport.Benchmarks -- --replay-memory                          (heap per replay entry)
//   dotnet run -c Release --project load-tests/Passport.Benchmarks -- --paired-replay [rounds]                 (replay stores, alternating)
if (args.Length > 0 && args[0] == "--paired")
{
    PairedRounds.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300);
    return;
}
if (args.Length > 0 && args[0] == "--gateway-path")
{
    await GatewayPathBenchmarks.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200);
    return;
}
if (args.Length > 0 && args[0] == "--paired-replay")
{
    ReplayStoreBenchmarks.RunPaired(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40);
    return;
}
if (args.Length > 0 && args[0] == "--replay-memory")
{
    ReplayStoreBenchmarks.PrintRetainedBytesPerEntry();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(CoreBenchmarks).Assembly).Run(args);
