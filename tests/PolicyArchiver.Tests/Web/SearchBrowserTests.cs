using Microsoft.Playwright;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// A researcher searches in a real Chromium with JavaScript turned off: types a query on /search,
/// submits it, narrows it with a filter and follows a result to the change that brought the words.
/// Each step leaves a screenshot for CI's output.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public class SearchBrowserTests(WebArchiveFixture web) : IAsyncLifetime
{
    private SiteBrowser _browser = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _browser = await SiteBrowser.LaunchAsync();
        _context = await _browser.NewContextAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _browser.DisposeAsync();
    }

    private static Task ScreenshotAsync(IPage page, string name) => SiteBrowser.ScreenshotAsync(page, name);

    [Fact]
    public async Task Researcher_searches_narrows_by_language_and_opens_the_change_that_brought_a_phrase()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(web.BaseUrl.ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Search" }).ClickAsync();
        Assert.EndsWith("/search", page.Url);
        await page.Locator("input[name='q']").FillAsync("дербес");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        Assert.Contains("q=", page.Url);
        var all = await page.Locator("ol.results > li").CountAsync();
        Assert.True(all >= 2, "the Kazakh documents match");
        // Matches are visible as colour, not only as markup.
        var background = await page.Locator("blockquote.snippet mark").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.NotEqual("rgba(0, 0, 0, 0)", background);
        await ScreenshotAsync(page, "search-1-results");

        await page.Locator("select[name='language']").SelectOptionAsync("ru");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        Assert.Contains("language=ru", page.Url);
        var russian = await page.Locator("ol.results > li").CountAsync();
        Assert.True(russian < all, "the filter keeps fewer documents");
        foreach (var meta in await page.Locator("ol.results > li > p.muted").AllInnerTextsAsync()) Assert.Contains("русский", meta);
        await ScreenshotAsync(page, "search-2-filtered");

        await page.Locator("input[name='q']").FillAsync("\"программе лояльности\"");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await ScreenshotAsync(page, "search-3-phrase");
        await page.Locator("ol.results > li:has(h2 a[href='/companies/testbank/privacy-policy-ru']) ul.spans a", new() { HasText = "change 1" }).ClickAsync();
        Assert.EndsWith("/companies/testbank/privacy-policy-ru/changes/1", page.Url);
        await ScreenshotAsync(page, "search-4-change");
    }
}
