using Microsoft.Playwright;

namespace Passport.Browser.Tests.Browser;

/// <summary>
/// One headless Debian Chromium for a test collection, driven by Microsoft.Playwright through its bundled driver
/// (<c>.playwright/</c> in the output). Playwright never downloads a browser: <see cref="ExecutablePath"/> is used.
/// Each test makes its own <see cref="IBrowserContext"/> (own storage, so its own owner key).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>The system Chromium (installed by ./test.sh from TEST_APT_PACKAGES).</summary>
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("PASSPORT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {ExecutablePath}: run ./test.sh (it installs the Debian package) or apt-get install -y chromium.");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh context: its own IndexedDB, popups allowed, bounded waits.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync();
        context.SetDefaultTimeout(20_000);
        return context;
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>Tests that share one browser.</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "chromium";
}
