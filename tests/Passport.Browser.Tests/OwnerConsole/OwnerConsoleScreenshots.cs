using Microsoft.Playwright;
using Passport.Browser.Tests.Browser;
using Passport.Testing;
using static Passport.Browser.Tests.OwnerConsole.ConsolePages;

namespace Passport.Browser.Tests.OwnerConsole;

/// <summary>
/// Writes the screenshots of docs/owner.md (<c>owner-console.png</c>, <c>owner-approval.png</c>) into the folder named by
/// <c>PASSPORT_SCREENSHOTS</c> (a relative folder is resolved against the repository root); without the variable it
/// writes nothing and passes, so ./test.sh never changes docs/images. Regenerate with
/// <c>PASSPORT_SCREENSHOTS=docs/images dotnet test tests/Passport.Browser.Tests -c Release --filter FullyQualifiedName~OwnerConsoleScreenshots</c>.
/// </summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "Slow")]
public sealed class OwnerConsoleScreenshots(ChromiumFixture chromium)
{
    /// <summary>The environment variable naming the output folder.</summary>
    public const string FolderVariable = "PASSPORT_SCREENSHOTS";

    [Fact]
    public async Task Console_and_approval_page()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is not { Length: > 0 } folder) return;
        folder = Path.GetFullPath(folder, TestPaths.RepoRoot);
        Directory.CreateDirectory(folder);

        await using var scenario = await ConsoleScenario.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1100, Height = 800 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(20_000);

        // The signed-in console: two agents and the grant between them (the whole page, 1100 px wide, so the grant shows).
        var page = await scenario.SignInAsync(context, ConsoleScenario.OwnerA);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "owner-console.png"), FullPage = true });

        // A delegation asked for from the console, then the approval page of the mailed link.
        var row = AgentRow(page, scenario.First.Handle);
        await row.GetByLabel("Actor handle").FillAsync(scenario.Other.Handle);
        await row.GetByLabel("Scopes (space-separated)").FillAsync("read:orders write:orders");
        await SubmitAsync(page, $"Delegate from {scenario.First.Handle}");
        await page.GotoAsync(await scenario.ApprovalLinkAsync(ConsoleScenario.OwnerA));
        await page.WaitForSelectorAsync("#approve");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "owner-approval.png") });
    }
}
