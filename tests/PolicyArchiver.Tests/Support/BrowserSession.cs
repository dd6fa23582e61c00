using Microsoft.Playwright;
using PolicyArchiver.Capture;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// A real Chromium for tests that read the web archive as people do: JavaScript off (the site must
/// work without it), only loopback reachable, and screenshots left where CI lists them.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    public IBrowser Browser { get; }

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public static async Task<BrowserSession> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFixture.Options().ChromiumPath,
            Headless = true,
            Args = [.. ChromiumBrowser.Args, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.*"],
        });
        return new BrowserSession(playwright, browser);
    }

    /// <summary>A desktop window, scripts off.</summary>
    public Task<IBrowserContext> DesktopAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

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

    /// <summary>A full-page screenshot into <see cref="WebArchiveFixture.ScreenshotDirectory"/>, named for what it shows.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebArchiveFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
