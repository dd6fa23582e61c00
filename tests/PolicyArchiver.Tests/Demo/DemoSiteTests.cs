using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using PolicyArchiver.Demo;

namespace PolicyArchiver.Tests.Demo;

/// <summary>
/// The demo's site looks like a real one: every HTML page links a stylesheet the site serves, and
/// every image the stylesheet names is served too, in both phases, so the demo's screenshots and
/// replays show what a user would see rather than a page without its styles.
/// </summary>
public sealed partial class DemoSiteTests
{
    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task Every_page_loads_a_stylesheet_and_its_images_that_the_site_serves(string phase)
    {
        await using var site = await DemoSite.StartAsync(TimeProvider.System, CancellationToken.None);
        site.Phase = phase;
        using var http = new HttpClient();
        var targets = JsonDocument.Parse(site.Targets()).RootElement;
        var pages = targets.GetProperty("companies").EnumerateArray()
            .SelectMany(c => c.GetProperty("documents").EnumerateArray().Select(d => new Uri(d.GetProperty("url").GetString()!)))
            .Where(u => u.AbsolutePath.EndsWith(".html", StringComparison.Ordinal))
            .Append(site.BaseUrl)
            .ToList();
        Assert.True(pages.Count >= 6, $"{pages.Count} HTML pages");
        var images = 0;
        foreach (var page in pages)
        {
            var html = await new HtmlParser().ParseDocumentAsync(await http.GetStringAsync(page));
            var sheets = html.QuerySelectorAll("link[rel=stylesheet]").Select(l => new Uri(page, l.GetAttribute("href")!)).ToList();
            Assert.True(sheets.Count > 0, $"{page} links no stylesheet");
            foreach (var sheet in sheets)
            {
                using var response = await http.GetAsync(sheet);
                Assert.True(response.IsSuccessStatusCode, $"{sheet}, linked from {page}: HTTP {(int)response.StatusCode}");
                Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
                var css = await response.Content.ReadAsStringAsync();
                foreach (Match url in CssUrl().Matches(css))
                {
                    var image = new Uri(sheet, url.Groups["url"].Value);
                    using var served = await http.GetAsync(image);
                    Assert.True(served.IsSuccessStatusCode, $"{image}, named by {sheet}: HTTP {(int)served.StatusCode}");
                    Assert.StartsWith("image/", served.Content.Headers.ContentType?.MediaType);
                    images++;
                }
            }
        }
        Assert.True(images > 0, "the stylesheets name no image");
    }

    [GeneratedRegex("""url\(\s*["']?(?<url>[^"')]+)["']?\s*\)""")]
    private static partial Regex CssUrl();
}
