using Microsoft.Playwright;

namespace PolicyArchiver.Capture;

/// <summary>
/// The one Chromium process of this program, started on first use and shared by all captures;
/// each capture gets its own context so no cookies leak between companies.
/// </summary>
internal sealed class ChromiumBrowser(CaptureOptions options) : IAsyncDisposable
{
    // Without the background-networking flags Chromium tries to reach Google's hosts at start.
    internal static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
    ];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _userAgent;

    /// <summary>
    /// The User-Agent every capture sends, fetch and render alike. Known without starting the
    /// browser when its version says what it would be (<see cref="BrowserUserAgent"/>): a round
    /// whose pages need no render never starts Chromium.
    /// </summary>
    public async ValueTask<string> UserAgentAsync(CancellationToken ct)
    {
        if (_userAgent is not null) return _userAgent;
        if (options.UserAgent is { } configured) return _userAgent = configured;
        RequireExecutable();
        if (await BrowserUserAgent.FromExecutableAsync(options.ChromiumPath, ct) is { } derived) return _userAgent = derived;
        await BrowserAsync(ct);
        return _userAgent!;
    }

    public async Task<IBrowserContext> NewContextAsync(string? locale, CancellationToken ct)
    {
        var browser = await BrowserAsync(ct);
        return await browser.NewContextAsync(new BrowserNewContextOptions
        {
            UserAgent = await UserAgentAsync(ct),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = false,
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
    }

    /// <summary>The running browser, for tests that crash it on purpose.</summary>
    internal IBrowser? Current => _browser;

    /// <summary>
    /// Drops a browser that hangs: the next capture starts a new one. If closing does not finish
    /// promptly, Playwright's driver (and the browser with it) is shut down.
    /// </summary>
    public async Task ResetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_browser is null) return;
            if (!await CloseQuietlyAsync(_browser))
            {
                _playwright?.Dispose();
                _playwright = null;
            }
            _browser = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true }) return _browser;
        await _gate.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            RequireExecutable();
            _playwright ??= await Playwright.CreateAsync();
            if (_browser is not null) await CloseQuietlyAsync(_browser); // it crashed: start a new one
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = options.ChromiumPath,
                Headless = true,
                Args = options.LoopbackOnly ? [.. Args, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.*"] : Args,
            });
            _userAgent ??= options.UserAgent ?? await DefaultUserAgentAsync(_browser);
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void RequireExecutable()
    {
        if (!File.Exists(options.ChromiumPath))
            throw new FileNotFoundException(
                $"Chromium not found at {options.ChromiumPath}: install Debian's package (apt-get install chromium) or set POLICYARCHIVER_CHROMIUM",
                options.ChromiumPath);
    }

    /// <summary>Closes a browser that may be dead or hung, without waiting on it for long.</summary>
    private static async Task<bool> CloseQuietlyAsync(IBrowser browser)
    {
        try
        {
            await browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            return false;
        }
    }

    /// <summary>Sites turn away "HeadlessChrome"; the archive should see what a reader's browser sees.</summary>
    internal static async Task<string> DefaultUserAgentAsync(IBrowser browser)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var ua = await page.EvaluateAsync<string>("() => navigator.userAgent");
        return ua.Replace("HeadlessChrome", "Chrome", StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await CloseQuietlyAsync(_browser);
        _playwright?.Dispose();
        _gate.Dispose();
    }
}
