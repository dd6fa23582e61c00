using PolicyArchiver.Capture;

namespace PolicyArchiver.Tests.Support;

/// <summary>The hostile site and one real Chromium for a test class.</summary>
public sealed class HostileFixture : IAsyncLifetime
{
    public HostileSite Site { get; private set; } = null!;
    internal ChromiumBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site = await HostileSite.StartAsync();
        Browser = new ChromiumBrowser(ChromiumFixture.Options());
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Site.DisposeAsync();
    }
}
