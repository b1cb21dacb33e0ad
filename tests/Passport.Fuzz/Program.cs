using Passport.Fuzz;
using SharpFuzz;

// dotnet Passport.Fuzz.dll <target>          afl++ harness: reads each input from afl (see run-afl.sh)
// dotnet Passport.Fuzz.dll <target> <file>…  replays files once, e.g. a crash afl found; exit 1 on a crash
// dotnet Passport.Fuzz.dll --list            names the targets
// dotnet Passport.Fuzz.dll --write-seeds DIR regenerates the seed corpus (committed under corpus/)
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: Passport.Fuzz <target> [file...] | --list");
    return 2;
}
if (args[0] == "--write-seeds" && args.Length == 2)
{
    Seeds.Write(args[1]);
    return 0;
}
if (args[0] == "--list")
{
    foreach (var name in FuzzTargets.Names) Console.WriteLine(name);
    return 0;
}
if (!FuzzTargets.TryGet(args[0], out var target))
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; targets: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}
if (args.Length > 1)
{
    var crashed = 0;
    foreach (var file in args.Skip(1))
    {
        try
        {
            target.Run(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            crashed++;
            var frame = e.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains(" Passport.", StringComparison.Ordinal) || l.Contains(" Passes.", StringComparison.Ordinal))?.Trim();
            Console.WriteLine($"{file}: {e.GetType().FullName}: {e.Message} [{frame}]");
        }
    }
    return crashed == 0 ? 0 : 1;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target.Run(buffer.ToArray());
});
return 0;
