using PolicyArchiver.Capture;

namespace PolicyArchiver.Tests.Support;

/// <summary>One fixture site and one real Chromium per test class; classes run in parallel.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public FixtureSite Site { get; private set; } = null!;
    internal ChromiumBrowser Browser { get; private set; } = null!;

    /// <summary>Fast enough for tests: short timeouts and retry delays, still real retries.</summary>
    internal static CaptureOptions Options() => new()
    {
        NavigationTimeout = TimeSpan.FromSeconds(15),
        SettleTimeout = TimeSpan.FromSeconds(2),
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(50),
        Concurrency = 4,
        LoopbackOnly = true,
        ConfirmDelay = TimeSpan.FromMilliseconds(200),
    };

    public async Task InitializeAsync()
    {
        Site = await FixtureSite.StartAsync();
        Browser = new ChromiumBrowser(Options());
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Site.DisposeAsync();
    }
}
