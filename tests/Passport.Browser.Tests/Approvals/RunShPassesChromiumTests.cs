using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Passport.Browser.Tests.Browser;
using Passport.Testing;

namespace Passport.Browser.Tests.Approvals;

/// <summary>
/// <c>./run.sh --passes</c> with a real owner in Chromium: run.sh (free loopback ports, its own data folder) prints the
/// claim page, the owner approves it in the Pass Provider that run.sh started, run.sh goes on, prints the revocation
/// page, the owner approves it with the same (now bound) key, and the demo ends complete. run.sh opens no browser: the
/// test opens the links it printed.
/// </summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "Slow")]
public sealed partial class RunShPassesChromiumTests(ChromiumFixture chromium)
{
    // run.sh builds its projects first (a no-op when they are built) on a machine that may be busy.
    private static readonly TimeSpan LinkTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Owner_approves_the_claim_and_the_revocation_of_the_demo_in_the_pass_provider()
    {
        var ports = new HashSet<int>();
        while (ports.Count < 6) ports.Add(FreePort.Get());
        var p = ports.Select(port => port.ToString(CultureInfo.InvariantCulture)).ToArray();
        var data = Directory.CreateTempSubdirectory("passport-runsh-passes-").FullName;
        try
        {
            await using var stack = ProcessHost.Start("bash",
                ["run.sh", "--passes", "--idp-port", p[0], "--gateway-port", p[1], "--api-port", p[2], "--mcp-port", p[3],
                 "--redis-port", p[4], "--passes-port", p[5], "--data", data],
                workingDirectory: TestPaths.RepoRoot);
            await using var context = await chromium.NewContextAsync();

            await ApproveAsync(context, await WaitForLinkAsync(stack, ClaimLink()), stack);
            await ApproveAsync(context, await WaitForLinkAsync(stack, OwnerLink()), stack);

            var deadline = DateTime.UtcNow + LinkTimeout;
            while (!stack.HasExited)
            {
                Assert.True(DateTime.UtcNow < deadline, $"run.sh did not finish:\n{stack.Output}");
                await Task.Delay(200);
            }

            await stack.StopAsync();
            Assert.True(stack.ExitCode == 0, $"run.sh --passes exited with {stack.ExitCode}:\n{stack.Output}");
            Assert.Contains("is CLAIMED", stack.Output);
            Assert.Contains("is REVOKED", stack.Output);
            Assert.Contains("demo complete", stack.Output);
            Assert.DoesNotContain("✗", stack.Output);
        }
        finally
        {
            TempDirectory.TryDelete(data);
        }
    }

    /// <summary>Opens the printed IdP page, sends the request to the Pass Provider it offers, approves there.</summary>
    private static async Task ApproveAsync(IBrowserContext context, string link, ProcessHost stack)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.WaitForSelectorAsync("body[data-state='ready']");
        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#send"));
        await popup.WaitForSelectorAsync("body[data-state='presenting']");
        await popup.ClickAsync("#approve");
        var (state, status, code) = await ApprovalScenario.OutcomeAsync(page);
        Assert.True(state == "done", $"{link}: {state} {status} {code}\nrun.sh output:\n{stack.Output}");
        await page.CloseAsync();
    }

    private static async Task<string> WaitForLinkAsync(ProcessHost stack, Regex link)
    {
        var deadline = DateTime.UtcNow + LinkTimeout;
        while (true)
        {
            var match = link.Match(stack.Output);
            if (match.Success) return match.Value;
            Assert.False(stack.HasExited || DateTime.UtcNow > deadline, $"run.sh printed no {link} link:\n{stack.Output}");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/claim/passes\?token=[A-Za-z0-9_-]+")]
    private static partial Regex ClaimLink();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/owner/passes\?token=[A-Za-z0-9_-]+")]
    private static partial Regex OwnerLink();
}
