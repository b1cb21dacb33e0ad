using Passport.Stack.Tests.Infrastructure;

namespace Passport.Stack.Tests;

/// <summary>
/// <c>./run.sh --no-demo</c> as a user runs it: real processes on free loopback ports; the CLI drives the whole demo
/// story against it; SIGTERM stops it and nothing it started is left.
/// </summary>
[Collection(StackCollection.Name)]
[Trait("Category", "Slow")]
public sealed class RunShNoDemoTests(StackBuild build) : IDisposable
{
    private readonly string _agents = Path.Combine(Path.GetTempPath(), "passport-stack-agents-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public Task Demo_story_through_the_cli_then_sigterm_leaves_nothing_running() =>
        RunStoryAsync(redis: false);

    [Fact]
    public Task With_redis_replay_and_revocation_go_through_redis_then_sigterm_leaves_nothing_running()
    {
        Executables.Require("redis-server", "apt-get install redis-server");
        return RunStoryAsync(redis: true);
    }

    public void Dispose() => TempDirectory.TryDelete(_agents);

    private async Task RunStoryAsync(bool redis)
    {
        build.EnsureBuilt();
        var ports = StackPorts.Free();
        string[] arguments = redis ? ["--no-demo", "--redis", .. ports.Arguments] : ["--no-demo", .. ports.Arguments];
        int[] stackPorts = redis
            ? [ports.Idp, ports.Gateway, ports.Api, ports.Mcp, ports.Passes, ports.Redis]
            : [ports.Idp, ports.Gateway, ports.Api, ports.Mcp, ports.Passes];
        var started = new HashSet<int>();
        await using var stack = RunSh.Start(arguments);
        try
        {
            await stack.WaitForHttpAsync(ports.GatewayUrl + "/healthz", StackLifecycle.StartTimeout);
            await StackLifecycle.WaitForOutputAsync(stack, "Press Ctrl-C to stop the stack.", TimeSpan.FromMinutes(1));
            Assert.Contains($"passport call GET {ports.GatewayUrl}/orders", stack.Output);
            Assert.Contains($"passport register --issuer {ports.IdpUrl}", stack.Output);
            started = StackLifecycle.StartedProcesses(stack, stackPorts);

            await new DemoStory(ports, _agents).RunAsync(withDelegation: !redis);

            Assert.False(stack.HasExited, $"run.sh exited during the story:\n{stack.Output}");
            await stack.TerminateAsync();
            await stack.WaitForExitAsync(StackLifecycle.StopTimeout);
            Assert.Contains("stopping the stack", stack.Output);
            await StackLifecycle.AssertNothingLeftAsync(stack, started, stackPorts);
        }
        finally
        {
            StackLifecycle.KillLeftovers(started);
        }
    }
}
