using System.Text.RegularExpressions;
using Passport.Stack.Tests.Infrastructure;

namespace Passport.Stack.Tests;

/// <summary>Plain <c>./run.sh</c> (free ports): the narrated demo runs to the end with every step as expected, then stops the stack.</summary>
[Collection(StackCollection.Name)]
[Trait("Category", "Slow")]
public sealed partial class DemoRunsToTheEndTests(StackBuild build)
{
    [Fact]
    public async Task Demo_prints_every_step_and_demo_complete_and_no_failure()
    {
        build.EnsureBuilt();
        var titles = StepTitles();
        Assert.True(titles.Count >= 9, $"expected the 9 numbered steps in samples/stack/demo.sh, found {titles.Count}");

        var ports = StackPorts.Free();
        var started = new HashSet<int>();
        await using var stack = RunSh.Start(ports.Arguments);
        try
        {
            var exitCode = await stack.WaitForExitAsync(StackLifecycle.StartTimeout + TimeSpan.FromMinutes(5));
            var output = stack.Output;
            Assert.True(exitCode == 0, $"run.sh exited with {exitCode}:\n{output}\n{stack.Logs()}");
            foreach (var title in titles)
            {
                Assert.True(output.Contains(title, StringComparison.Ordinal), $"step '{title}' is missing from the output:\n{output}");
            }

            Assert.Contains("demo complete", output);
            var failures = output.Split('\n').Where(line => line.Contains('✗')).ToList();
            Assert.True(failures.Count == 0, $"the demo printed ✗ lines:\n{string.Join("\n", failures)}\n\n{output}");

            // run.sh names what it stops; after the demo none of it is alive and the ports are free again.
            var stopping = StoppingLine().Match(output);
            Assert.True(stopping.Success, $"no 'stopping the stack (PIDs …)' line:\n{output}");
            started = stopping.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToHashSet();
            Assert.Equal(5, started.Count);
            await StackLifecycle.AssertNothingLeftAsync(stack, started, ports.Idp, ports.Gateway, ports.Api, ports.Mcp, ports.Passes);
        }
        finally
        {
            StackLifecycle.KillLeftovers(started);
        }
    }

    /// <summary>The numbered step titles of samples/stack/demo.sh, up to the first shell expansion.</summary>
    private static List<string> StepTitles() =>
        File.ReadLines(TestPaths.InRepo("samples/stack/demo.sh"))
            .Select(line => StepLine().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value.Split('$')[0].TrimEnd(' ', '('))
            .ToList();

    [GeneratedRegex("""^\s*step "(\d+\. [^"]+)"$""")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"stopping the stack \(PIDs ([0-9 ]+)\)")]
    private static partial Regex StoppingLine();
}
