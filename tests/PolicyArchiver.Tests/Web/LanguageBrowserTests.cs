using Microsoft.Playwright;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// A reader whose browser asks for Russian switches the interface to Kazakh with the header's
/// links, in a real Chromium with JavaScript off; the choice holds on the pages that follow.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public class LanguageBrowserTests(WebArchiveFixture web) : IAsyncLifetime
{
    private SiteBrowser _site = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _site = await SiteBrowser.LaunchAsync();
        _context = await _site.NewContextAsync(locale: "ru-RU");
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _site.DisposeAsync();
    }

    private static Task ScreenshotAsync(IPage page, string name) => SiteBrowser.ScreenshotAsync(page, name);

    [Fact]
    public async Task Reader_of_Russian_switches_to_Kazakh_and_stays_in_Kazakh()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(new Uri(web.BaseUrl, "companies/testbank").ToString());
        Assert.Equal("ru", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Документы", await page.Locator("main h2").First.InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Изменения", Exact = true }).IsVisibleAsync());
        await ScreenshotAsync(page, "i18n-1-company-ru");

        await page.GetByRole(AriaRole.Link, new() { Name = "Қазақша" }).ClickAsync();
        Assert.EndsWith("/companies/testbank", page.Url);
        Assert.Equal("kk", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Құжаттар", await page.Locator("main h2").First.InnerTextAsync());
        Assert.Equal("true", await page.Locator("header nav.languages a[lang=kk]").GetAttributeAsync("aria-current"));
        await ScreenshotAsync(page, "i18n-2-company-kk");

        // The cookie keeps the choice on the next page, though the browser still asks for Russian.
        await page.GetByRole(AriaRole.Link, new() { Name = "Өзгерістер", Exact = true }).ClickAsync();
        Assert.EndsWith("/changes", page.Url);
        Assert.Equal("kk", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Өзгерістер", await page.Locator("main h1").InnerTextAsync());
        Assert.Equal("Сүзу", await page.Locator("form.filters button").InnerTextAsync());
        await ScreenshotAsync(page, "i18n-3-changes-kk");

        // The archived text is never translated: the Russian policy stays Russian in a Kazakh page.
        await page.GotoAsync(new Uri(web.BaseUrl, "companies/testbank/privacy-policy-ru").ToString());
        Assert.Equal("Қолданыстағы мәтін", await page.Locator("main h2", new() { HasText = "Қолданыстағы мәтін" }).InnerTextAsync());
        Assert.Equal("ru", await page.Locator("article.policy").GetAttributeAsync("lang"));
        await ScreenshotAsync(page, "i18n-4-document-kk");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Text in force", await page.Locator("main h2", new() { HasText = "Text in force" }).InnerTextAsync());
    }
}
