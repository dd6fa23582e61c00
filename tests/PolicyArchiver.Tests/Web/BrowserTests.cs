using System.Xml.Linq;
using Microsoft.Playwright;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// The main pages in a real Chromium with JavaScript turned off (the site must work without it),
/// as followers, researchers and auditors use them. Each step leaves a screenshot for CI's output.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public class BrowserTests(WebArchiveFixture web) : IAsyncLifetime
{
    private SiteBrowser _site = null!;
    private IBrowser _browser = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _site = await SiteBrowser.LaunchAsync();
        _browser = _site.Browser;
        _context = await _site.NewContextAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _site.DisposeAsync();
    }

    private static Task ScreenshotAsync(IPage page, string name) => SiteBrowser.ScreenshotAsync(page, name);

    [Fact]
    public async Task Follower_goes_from_the_home_page_to_a_company_and_reads_a_change()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(web.BaseUrl.ToString());
        await ScreenshotAsync(page, "1-home");
        await page.GetByRole(AriaRole.Link, new() { Name = "ТОО «Тестовый Банк»" }).ClickAsync();
        Assert.EndsWith("/companies/testbank", page.Url);
        Assert.True(await page.Locator("table.matrix td.missing").First.IsVisibleAsync());
        Assert.True(await page.Locator("svg.timeline circle.version").First.IsVisibleAsync());
        await ScreenshotAsync(page, "2-company");

        await page.Locator("a[href='/companies/testbank/privacy-policy-ru/changes/1']").First.ClickAsync();
        Assert.EndsWith("/companies/testbank/privacy-policy-ru/changes/1", page.Url);
        var removed = page.Locator("table.diff.inline tr.del", new() { HasText = "5.2. Срок хранения" }).Locator("del");
        var added = page.Locator("table.diff.inline tr.ins", new() { HasText = "5.2. Срок хранения" }).Locator("ins");
        Assert.Contains("3", string.Join(" ", await removed.AllInnerTextsAsync()));
        Assert.Contains("5", string.Join(" ", await added.AllInnerTextsAsync()));
        // Highlights are visible as colour, not only as markup.
        var background = await added.First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.NotEqual("rgba(0, 0, 0, 0)", background);
        await ScreenshotAsync(page, "3-change");
    }

    [Fact]
    public async Task Researcher_opens_a_version_and_its_snapshot_whose_scripts_never_run()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(new Uri(web.BaseUrl, "companies/testbank/public-offer-ru").ToString());
        await page.Locator("a[href='/companies/testbank/public-offer-ru/versions/1']").First.ClickAsync();
        Assert.Contains("Оферта адресована физическим лицам", await page.Locator("article.policy").InnerTextAsync());
        await ScreenshotAsync(page, "4-version");

        await page.GetByRole(AriaRole.Link, new() { Name = "raw snapshot and screenshot" }).ClickAsync();
        Assert.True(await page.Locator("img.screenshot").IsVisibleAsync());
        var loaded = await page.Locator("img.screenshot").EvaluateAsync<int>("img => img.naturalWidth");
        Assert.True(loaded > 0, "the screenshot loads");
        await ScreenshotAsync(page, "5-snapshot");

        // The archived single-page app's raw bytes: with scripts allowed it would render its text; in
        // their sandbox it must not run at all, even in a browser that has JavaScript enabled (the
        // page's replay, which runs them in an opaque origin, is ReplayBrowserTests' subject).
        await using var scripted = await _browser.NewContextAsync();
        var withScripts = await scripted.NewPageAsync();
        await withScripts.GotoAsync(page.Url + "/raw");
        Assert.DoesNotContain("Оферта адресована физическим лицам", await withScripts.Locator("body").InnerTextAsync());
    }

    [Fact]
    public async Task Auditor_sees_a_pdf_screenshot_in_the_snapshot_page()
    {
        // Version 2 was captured with the default screenshot, a PDF print (WebArchiveFixture).
        var version = (await web.Temp.Archive.Catalog.GetVersionAsync("testbank/privacy-policy-ru", 2))!;
        var page = await _context.NewPageAsync();
        await page.GotoAsync(new Uri(web.BaseUrl, $"companies/testbank/privacy-policy-ru/snapshots/{version.ObservationId}").ToString());
        Assert.True(await page.Locator("iframe.screenshot").IsVisibleAsync());
        var frame = page.Frames.Single(f => f.Url.EndsWith("/screenshot", StringComparison.Ordinal));
        await frame.WaitForLoadStateAsync();
        // The frame holds the PDF itself (a refused frame or a download would leave an error page or
        // nothing); headless Chromium does not paint its viewer's pages, so their look is not checked here.
        Assert.Equal("application/pdf", await frame.EvaluateAsync<string>("() => document.contentType"));
        await ScreenshotAsync(page, "5b-snapshot-pdf");
    }

    [Fact]
    public async Task Follower_follows_the_feed_link_to_a_diff()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(new Uri(web.BaseUrl, "companies/testbank").ToString());
        var href = await page.Locator("link[rel=alternate][type='application/atom+xml'][href*='/companies/']").GetAttributeAsync("href");
        var feed = await page.APIRequest.GetAsync(new Uri(web.BaseUrl, href).ToString());
        Assert.StartsWith("application/atom+xml", feed.Headers["content-type"]);
        var atom = XNamespace.Get("http://www.w3.org/2005/Atom");
        var entry = XDocument.Parse(await feed.TextAsync()).Root!.Elements(atom + "entry").First();
        var link = entry.Elements(atom + "link").First(l => (string?)l.Attribute("rel") is null or "alternate").Attribute("href")!.Value;
        await page.GotoAsync(link);
        Assert.Contains("/changes/", page.Url);
        Assert.True(await page.Locator("table.diff.inline").IsVisibleAsync());
        await ScreenshotAsync(page, "6-feed-entry");
    }
}
