using System.Net;
using System.Net.Sockets;
using Passport.Stack.Tests.Infrastructure;

namespace Passport.Stack.Tests;

/// <summary>
/// <c>./run.sh</c> starts the sample Pass Provider (samples/PassProvider) beside the stack on <c>--passes-port</c>, the
/// IdP's owner pages offer it (<c>Passport:Passes:ProviderUrl</c>), and stopping run.sh stops it by PID like the others.
/// </summary>
[Collection(StackCollection.Name)]
[Trait("Category", "Slow")]
public sealed class RunShPassProviderTests(StackBuild build)
{
    [Fact]
    public async Task No_demo_starts_the_pass_provider_the_idp_points_at_it_and_sigterm_stops_it()
    {
        build.EnsureBuilt();
        var ports = StackPorts.Free();
        int[] stackPorts = [ports.Idp, ports.Gateway, ports.Api, ports.Mcp, ports.Passes];
        var started = new HashSet<int>();
        await using var stack = RunSh.Start(["--no-demo", .. ports.Arguments]);
        try
        {
            await stack.WaitForHttpAsync(ports.GatewayUrl + "/healthz", StackLifecycle.StartTimeout);
            await StackLifecycle.WaitForOutputAsync(stack, "Press Ctrl-C to stop the stack.", TimeSpan.FromMinutes(1));
            Assert.Contains($"Pass Provider {ports.PassProviderUrl}", stack.Output);
            started = StackLifecycle.StartedProcesses(stack, stackPorts);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using (var page = await http.GetAsync(ports.PassProviderUrl))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
                Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
            }

            // The IdP's owner Topic Provider page carries the configured provider as its default.
            var ownerPage = await http.GetStringAsync(ports.IdpUrl + "/owner/passes/provider");
            Assert.Contains($"data-provider-url=\"{ports.PassProviderUrl}\"", ownerPage);

            await stack.TerminateAsync();
            await stack.WaitForExitAsync(StackLifecycle.StopTimeout);
            await StackLifecycle.AssertNothingLeftAsync(stack, started, stackPorts);
        }
        finally
        {
            StackLifecycle.KillLeftovers(started);
        }
    }

    [Fact]
    public async Task Passes_port_in_use_exits_non_zero_naming_the_port_and_leaves_nothing_running()
    {
        build.EnsureBuilt();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var taken = ((IPEndPoint)listener.LocalEndpoint).Port;
            var ports = StackPorts.Free() with { Passes = taken };
            await using var stack = RunSh.Start(["--no-demo", .. ports.Arguments]);
            var exitCode = await stack.WaitForExitAsync(StackLifecycle.StartTimeout);

            Assert.True(exitCode != 0, $"run.sh exited with 0 although port {taken} was taken:\n{stack.Output}");
            Assert.Contains($"port {taken} on 127.0.0.1 is already in use", stack.Output);
            Assert.DoesNotContain("Building", stack.Output);
            await StackLifecycle.AssertNothingLeftAsync(stack, [], ports.Idp, ports.Gateway, ports.Api, ports.Mcp);
        }
        finally
        {
            listener.Stop();
        }
    }
}
