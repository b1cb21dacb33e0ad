namespace Passport.Stack.Tests;

/// <summary>run.sh's command line: help and wrong arguments are answered before anything is built or started.</summary>
public sealed class RunShArgumentsTests
{
    [Fact]
    public async Task Help_lists_every_option_and_exits_0()
    {
        var result = await RunShAsync("--help");
        Assert.True(result.ExitCode == 0, result.Output);
        foreach (var option in new[] { "--no-demo", "--redis", "--idp-port", "--gateway-port", "--api-port", "--mcp-port", "--redis-port", "--data", "--passes", "--passes-port" })
        {
            Assert.Contains(option, result.Output);
        }

        Assert.DoesNotContain("set -euo", result.Output);
    }

    [Fact]
    public async Task Unknown_argument_exits_2_naming_it()
    {
        var result = await RunShAsync("--no-such-option");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown argument '--no-such-option'", result.Output);
        Assert.DoesNotContain("Building", result.Output);
    }

    private static Task<ProcessResult> RunShAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("bash", ["run.sh", .. arguments], workingDirectory: TestPaths.RepoRoot, timeout: TimeSpan.FromMinutes(1));
}
