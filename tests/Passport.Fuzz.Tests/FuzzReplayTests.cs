namespace Passport.Fuzz.Tests;

/// <summary>
/// The bounded, in-process part of the fuzzing (the long run is afl++, see docs/fuzzing.md): each target gets its
/// committed seeds, every regression file of a crash found before, and a fixed-seed mutation loop bounded by an
/// iteration count. Any exception other than the target's typed refusal fails the test with the input in base64.
/// </summary>
public class FuzzReplayTests
{
    /// <summary>Mutated inputs per target; all targets together stay within seconds on a loaded 2-core machine.</summary>
    private const int Iterations = 3000;

    public static TheoryData<string> Targets() => new(FuzzTargets.Names);

    [Fact]
    public void Every_target_has_a_seed_corpus()
    {
        foreach (var target in FuzzTargets.Names)
        {
            Assert.True(Corpus.Seeds(target).Count >= 2, $"corpus/{target}/ needs seeds (small valid and near-valid inputs)");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeds_and_regressions_raise_only_the_typed_error(string target)
    {
        var run = Get(target);
        foreach (var file in Corpus.Seeds(target).Concat(Corpus.Regressions(target)))
        {
            Replay(run, File.ReadAllBytes(file), Path.GetFileName(file));
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mutated_seeds_raise_only_the_typed_error(string target) => MutationLoop(target);

    private static void MutationLoop(string target)
    {
        var run = Get(target);
        var corpus = Corpus.Seeds(target).Select(File.ReadAllBytes).ToArray();
        var random = new Random(StableSeed(target));
        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutator.Mutate(random, corpus[random.Next(corpus.Length)], corpus);
            Replay(run, input, $"mutation {i}");
        }
    }

    private static FuzzTarget Get(string name) =>
        FuzzTargets.TryGet(name, out var target) ? target : throw new ArgumentException($"no target {name}");

    private static void Replay(FuzzTarget target, byte[] input, string what)
    {
        try
        {
            target.Run(input);
        }
        catch (Exception e)
        {
            Assert.Fail($"{target.Name} ({target.Library}) crashed on {what}: {e.GetType().FullName}: {e.Message}\n{Mutator.Describe(input)}");
        }
    }

    // string.GetHashCode is randomized per process; the loop must be the same on every run.
    private static int StableSeed(string target) => target.Aggregate(17, (hash, c) => unchecked(hash * 31 + c));
}
