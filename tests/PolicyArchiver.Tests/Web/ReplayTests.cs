using System.Collections.Concurrent;
using Microsoft.Playwright;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// Issue 15's proof: a bank's site with an @imported stylesheet, a web font and images from another
/// origin, and a policy its script fetches over XHR, captured in real Chromium, then replayed from
/// the archive alone — by <c>serve</c>, and from the exported WACZ by ReplayWeb.page — looks like
/// the capture's own screenshot (mean SSIM of a downscaled grayscale, at least 0.95), shows the
/// script-built text, and asks nothing of any origin but the replay's own, which the browser's
/// network log shows. The live site is still up: a replay that reached it would be seen there too.
/// </summary>
public sealed class ReplayTests(ReplayFixture fixture) : IClassFixture<ReplayFixture>
{
    private const double Alike = 0.95;
    private const string ScriptBuiltText = "Пользователь соглашается с тем, что сервис хранит историю заказов";

    public static TheoryData<string> Documents => new(ReplayFixture.Documents.Keys);

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Serve_replays_the_captured_page_as_its_screenshot_shows_it_from_the_archive_alone(string document)
    {
        var capture = fixture.Captures[document];
        await using var browsing = await BrowsingAsync(fixture.BaseUrl);
        var page = await browsing.Context.NewPageAsync();
        var before = fixture.Site.Requests.Count;
        await page.GotoAsync(new Uri(fixture.BaseUrl, $"replay/{capture.Datetime}/{capture.Url}").AbsoluteUri);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var replayed = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        await SiteBrowser.ScreenshotAsync(page, $"replay-serve-{document}");

        var similarity = await ScreenshotSimilarity.OfAsync(browsing.Context, capture.Screenshot, replayed);
        Assert.True(similarity >= Alike, $"{document}: the replay's similarity to the capture's screenshot is {similarity:0.000}");
        if (document == "public-offer-ru") Assert.Contains(ScriptBuiltText, await page.InnerTextAsync("body"));
        Assert.Empty(browsing.Outside);
        Assert.Equal(before, fixture.Site.Requests.Count);
    }

    [Fact]
    public async Task The_similarity_measure_tells_the_unstyled_bytes_from_the_page_as_it_looked()
    {
        // The raw bytes shown in the sandbox load no stylesheet, font or image: the measure must see it.
        var capture = fixture.Captures["privacy-policy-ru"];
        await using var browsing = await BrowsingAsync(fixture.BaseUrl);
        var page = await browsing.Context.NewPageAsync();
        var raw = $"companies/{capture.Document}/snapshots/{capture.Observation}/raw";
        await page.GotoAsync(new Uri(fixture.BaseUrl, raw).AbsoluteUri);
        var unstyled = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        var similarity = await ScreenshotSimilarity.OfAsync(browsing.Context, capture.Screenshot, unstyled);
        Assert.True(similarity < Alike, $"the unstyled page scores {similarity:0.000}");
    }

    [Fact]
    public async Task The_replay_page_shows_a_banner_with_the_document_the_capture_time_the_observation_and_its_bundle()
    {
        var capture = fixture.Captures["public-offer-ru"];
        await using var browsing = await BrowsingAsync(fixture.BaseUrl);
        var page = await browsing.Context.NewPageAsync();
        var snapshot = $"/companies/{capture.Document}/snapshots/{capture.Observation}";
        await page.GotoAsync(new Uri(fixture.BaseUrl, snapshot + "/replay").AbsoluteUri);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await SiteBrowser.ScreenshotAsync(page, "replay-banner");

        var banner = await page.InnerTextAsync("body");
        Assert.Contains(capture.Document, banner);
        Assert.Contains(capture.Observation.ToString(System.Globalization.CultureInfo.InvariantCulture), banner);
        Assert.NotNull(await page.QuerySelectorAsync($"a[href='{snapshot}']"));
        Assert.NotNull(await page.QuerySelectorAsync($"a[href^='/companies/{capture.Document}/evidence?at=']")); // the evidence bundle's download
        Assert.NotNull(await page.QuerySelectorAsync("time"));
        var frame = page.Frames.Single(f => f.Url.Contains("/replay/", StringComparison.Ordinal) && f != page.MainFrame);
        Assert.Contains(ScriptBuiltText, await frame.InnerTextAsync("body"));
        Assert.Empty(browsing.Outside);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task ReplayWeb_page_replays_the_exported_WACZ_as_the_capture_looked(string document)
    {
        var capture = fixture.Captures[document];
        await using var player = await ReplayWebPagePlayer.StartAsync(fixture.Wacz);
        await using var browsing = await BrowsingAsync(player.BaseUrl);
        var page = await browsing.Context.NewPageAsync();
        var before = fixture.Site.Requests.Count;
        var frame = await player.OpenAsync(page, capture.Url, capture.Datetime, ReplayFixture.HeightOf(capture.Screenshot));
        if (document == "public-offer-ru")
            await Eventually.WaitAsync(async () => (await frame.InnerTextAsync("body")).Contains(ScriptBuiltText, StringComparison.Ordinal), "the script-built text", 30);
        var replayed = await (await frame.FrameElementAsync()).ScreenshotAsync();
        await File.WriteAllBytesAsync(Path.Combine(WebArchiveFixture.ScreenshotDirectory, $"replay-rwp-{document}.png"), replayed);

        var similarity = await ScreenshotSimilarity.OfAsync(browsing.Context, capture.Screenshot, replayed);
        Assert.True(similarity >= Alike, $"{document}: ReplayWeb.page's replay scores {similarity:0.000} against the capture's screenshot");
        Assert.Empty(browsing.Outside);
        Assert.Equal(before, fixture.Site.Requests.Count);
    }

    /// <summary>A context with scripts on, the capture's viewport, and a network log: a request to any origin but <paramref name="allowed"/>'s is noted and refused.</summary>
    private async Task<Browsing> BrowsingAsync(Uri allowed)
    {
        var context = await fixture.Browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var browsing = new Browsing(context);
        var origin = allowed.GetLeftPart(UriPartial.Authority);
        context.Request += (_, request) =>
        {
            if (!Allowed(request.Url, origin)) browsing.Outside.Enqueue(request.Url);
        };
        await context.RouteAsync("**/*", async route =>
        {
            if (Allowed(route.Request.Url, origin)) await route.FallbackAsync();
            else
            {
                browsing.Outside.Enqueue(route.Request.Url);
                await route.AbortAsync("blockedbyclient");
            }
        });
        return browsing;
    }

    private static bool Allowed(string url, string origin) =>
        url.StartsWith(origin + "/", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal)
        || url == "about:blank";

    private sealed class Browsing(IBrowserContext context) : IAsyncDisposable
    {
        public IBrowserContext Context { get; } = context;

        /// <summary>Every request the pages made outside the replay's origin.</summary>
        public ConcurrentQueue<string> Outside { get; } = new();

        public ValueTask DisposeAsync() => new(Context.CloseAsync());
    }
}
