namespace Passport.Fuzz;

/// <summary>
/// One parser under fuzzing. <see cref="Run"/> feeds it the input and swallows the parser's typed error (its documented
/// refusal); any other exception escapes and is a crash, for afl++ and for the bounded replay in Passport.Fuzz.Tests.
/// </summary>
/// <param name="Name">The target name, also the corpus folder (<c>corpus/&lt;name&gt;/</c>).</param>
/// <param name="Library">The library the parser lives in (Passport.Core, Passes, Passport.Agent): who fixes a crash.</param>
/// <param name="Run">Parses one input; throws only on a crash.</param>
public sealed record FuzzTarget(string Name, string Library, Action<byte[]> Run);
