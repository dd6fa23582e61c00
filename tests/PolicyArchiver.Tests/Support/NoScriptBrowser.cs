using Microsoft.Playwright;
using PolicyArchiver.Capture;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// A real headless Chromium with JavaScript turned off, reaching nothing but loopback, for tests of
/// the web archive as a visitor without scripts sees it; each step can leave a screenshot for CI.
/// </summary>
public sealed class NoScriptBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private NoScriptBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
    }

    public IBrowserContext Context { get; }

    public static async Task<NoScriptBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFixture.Options().ChromiumPath,
            Headless = true,
            Args = [.. ChromiumBrowser.Args, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.*"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return new NoScriptBrowser(playwright, browser, context);
    }

    /// <summary>A full-page screenshot into <see cref="WebArchiveFixture.ScreenshotDirectory"/>.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebArchiveFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
