using System.Net;
using System.Net.Sockets;
using Passport.Stack.Tests.Infrastructure;

namespace Passport.Stack.Tests;

/// <summary><c>./run.sh</c> with a port that is already taken: a clear message naming the port, a non-zero exit, nothing started.</summary>
[Collection(StackCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PortTakenTests(StackBuild build)
{
    [Fact]
    public async Task Gateway_port_in_use_exits_non_zero_naming_the_port_and_leaves_nothing_running()
    {
        build.EnsureBuilt();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var taken = ((IPEndPoint)listener.LocalEndpoint).Port;
            var ports = StackPorts.Free() with { Gateway = taken };
            await using var stack = RunSh.Start(["--no-demo", .. ports.Arguments]);
            var exitCode = await stack.WaitForExitAsync(StackLifecycle.StartTimeout);

            Assert.True(exitCode != 0, $"run.sh exited with 0 although port {taken} was taken:\n{stack.Output}");
            Assert.Contains($"port {taken} on 127.0.0.1 is already in use", stack.Output);
            Assert.DoesNotContain("Building", stack.Output);
            Assert.DoesNotContain("The stack is running", stack.Output);
            await StackLifecycle.AssertNothingLeftAsync(stack, [], ports.Idp, ports.Api);
        }
        finally
        {
            listener.Stop();
        }
    }
}
