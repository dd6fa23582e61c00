using Microsoft.Playwright;
using PolicyArchiver.Capture;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// A real Chromium that browses the web archive as people do, for the browser tests: it resolves
/// only loopback names, so nothing leaves the machine, and its pages run no JavaScript (the site must
/// work without it) unless a test opens a context of its own.
/// </summary>
public sealed class SiteBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private SiteBrowser(IPlaywright playwright, IBrowser browser) => (_playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    public static async Task<SiteBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFixture.Options().ChromiumPath,
            Headless = true,
            Args = [.. ChromiumBrowser.Args, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.*"],
        });
        return new SiteBrowser(playwright, browser);
    }

    /// <param name="locale">What the browser asks for in Accept-Language (Playwright's default is en-US).</param>
    public Task<IBrowserContext> NewContextAsync(string? locale = null) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

    /// <summary>A phone as Playwright describes the iPhone 13 (390×844 CSS pixels, scale 3, touch), scripts off.</summary>
    public Task<IBrowserContext> PhoneAsync()
    {
        var phone = _playwright.Devices["iPhone 13"];
        return Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false,
            ViewportSize = phone.ViewportSize,
            ScreenSize = phone.ScreenSize,
            DeviceScaleFactor = phone.DeviceScaleFactor,
            IsMobile = phone.IsMobile,
            HasTouch = phone.HasTouch,
            UserAgent = phone.UserAgent,
        });
    }

    /// <summary>A full-page screenshot into <see cref="WebArchiveFixture.ScreenshotDirectory"/>, for CI's output.</summary>
    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebArchiveFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
