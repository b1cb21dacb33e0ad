using System.Net;
using System.Text.RegularExpressions;
using Passport.Stack.Tests.Infrastructure;

namespace Passport.Stack.Tests;

/// <summary>
/// <c>./run.sh --passes</c>: the demo prints the Passes page of each owner approval (claim, revocation), waits for the
/// owner, and goes on once the registry shows the approval. The test approves through the same single-use tokens with
/// the CLI, standing in for the owner's browser (the Chromium round trip of those pages is in Passport.Browser.Tests).
/// </summary>
[Collection(StackCollection.Name)]
[Trait("Category", "Slow")]
public sealed partial class RunShPassesDemoTests(StackBuild build)
{
    [Fact]
    public async Task Passes_demo_prints_each_approval_link_waits_and_continues_once_approved()
    {
        build.EnsureBuilt();
        var ports = StackPorts.Free();
        var started = new HashSet<int>();
        await using var stack = RunSh.Start(["--passes", .. ports.Arguments]);
        try
        {
            var owner = new PassportCli("alice", Path.Combine(stack.DataDirectory, "agents", "alice"));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

            var claimToken = await WaitForLinkAsync(stack, ClaimLink(), ports);
            await StackLifecycle.WaitForOutputAsync(stack, "waiting for the approval of 'claim", TimeSpan.FromMinutes(1));
            started = StackLifecycle.StartedProcesses(stack, ports.Idp, ports.Gateway, ports.Api, ports.Mcp, ports.Passes);
            using (var page = await http.GetAsync($"{ports.IdpUrl}/claim/passes?token={claimToken}"))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            }

            await owner.OkAsync("claim", claimToken);

            var revokeToken = await WaitForLinkAsync(stack, OwnerLink(), ports);
            using (var page = await http.GetAsync($"{ports.IdpUrl}/owner/passes?token={revokeToken}"))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            }

            await owner.OkAsync("revoke", "--link", revokeToken);

            var exitCode = await stack.WaitForExitAsync(StackLifecycle.StartTimeout);
            Assert.True(exitCode == 0, $"run.sh --passes exited with {exitCode}:\n{stack.Output}\n{stack.Logs()}");
            Assert.Contains("approved through Passes", stack.Output);
            Assert.Contains("demo complete", stack.Output);
            var failures = stack.Output.Split('\n').Where(line => line.Contains('✗')).ToList();
            Assert.True(failures.Count == 0, $"the demo printed ✗ lines:\n{string.Join("\n", failures)}\n\n{stack.Output}");
            await StackLifecycle.AssertNothingLeftAsync(stack, started, ports.Idp, ports.Gateway, ports.Api, ports.Mcp, ports.Passes);
        }
        finally
        {
            StackLifecycle.KillLeftovers(started);
        }
    }

    /// <summary>Waits until run.sh printed a link matching <paramref name="link"/> on the IdP; returns its token.</summary>
    private static async Task<string> WaitForLinkAsync(RunSh stack, Regex link, StackPorts ports)
    {
        var deadline = DateTime.UtcNow + StackLifecycle.StartTimeout;
        while (true)
        {
            var match = link.Match(stack.Output);
            if (match.Success)
            {
                Assert.Equal(ports.IdpUrl, match.Groups["origin"].Value);
                return match.Groups["token"].Value;
            }

            Assert.False(stack.HasExited || DateTime.UtcNow > deadline, $"run.sh printed no {link} link:\n{stack.Output}\n{stack.Logs()}");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"(?<origin>http://127\.0\.0\.1:\d+)/claim/passes\?token=(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex ClaimLink();

    [GeneratedRegex(@"(?<origin>http://127\.0\.0\.1:\d+)/owner/passes\?token=(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex OwnerLink();
}
