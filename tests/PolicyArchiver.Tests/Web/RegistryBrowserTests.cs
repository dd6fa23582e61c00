using System.Globalization;
using System.Web;
using Microsoft.Playwright;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// A researcher narrows <c>/changes</c> with its filter form and goes back in time on a document
/// page, in a real Chromium with JavaScript off, over a registry of two companies and more than a
/// page of changes. Each step leaves a screenshot for CI's output.
/// </summary>
[Collection(RegistryArchive.Collection)]
public sealed class RegistryBrowserTests(RegistryArchive registry) : IAsyncLifetime
{
    private SiteBrowser _session = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _session = await SiteBrowser.LaunchAsync();
        _context = await _session.NewContextAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _session.DisposeAsync();
    }

    private string Url(string path) => new Uri(registry.Http.BaseAddress!, path).ToString();

    /// <summary>What each row of the changes table links to and says: document, version, instant, topics.</summary>
    private static async Task<List<(string Document, int ToVersion, DateTimeOffset At, string Topics)>> RowsAsync(IPage page)
    {
        var rows = new List<(string, int, DateTimeOffset, string)>();
        foreach (var row in await page.Locator("table.changes tbody tr").AllAsync())
        {
            var href = await row.Locator("a[href*='/changes/']").First.GetAttributeAsync("href");
            var parts = href!.Split('/'); // /companies/{company}/{document}/changes/{n}
            var text = await row.Locator("a[href*='/changes/']").First.InnerTextAsync();
            var to = int.Parse(text[(text.LastIndexOf('v') + 1)..], CultureInfo.InvariantCulture);
            var at = DateTimeOffset.Parse((await row.Locator("time").GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
            rows.Add(($"{parts[2]}/{parts[3]}", to, at, await row.Locator("td").Last.InnerTextAsync()));
        }
        return rows;
    }

    [Fact]
    public async Task Researcher_filters_the_changes_and_the_pages_keep_the_filter()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(Url("/changes"));
        await page.SelectOptionAsync("select[name=company]", "steppebank");
        await page.SelectOptionAsync("select[name=language]", "ru");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        var query = HttpUtility.ParseQueryString(new Uri(page.Url).Query);
        Assert.Equal(("steppebank", "ru"), (query["company"], query["language"]));
        var first = await RowsAsync(page);
        Assert.Equal(100, first.Count); // a full page: more changes match than one page shows
        Assert.All(first, r => Assert.Equal("steppebank/privacy-policy-ru", r.Document));
        await SiteBrowser.ScreenshotAsync(page, "registry-1-filtered");

        // The next page keeps the filter in its link, and shows the rest of the same changes.
        var next = (await page.Locator("nav.pager a[rel=next]").GetAttributeAsync("href"))!;
        Assert.Contains("company=steppebank", next);
        Assert.Contains("language=ru", next);
        await page.Locator("nav.pager a[rel=next]").ClickAsync();
        var second = await RowsAsync(page);
        Assert.NotEmpty(second);
        Assert.All(second, r => Assert.Equal("steppebank/privacy-policy-ru", r.Document));
        Assert.Empty(first.Select(r => r.ToVersion).Intersect(second.Select(r => r.ToVersion)));
        Assert.Equal("steppebank", await page.Locator("select[name=company] option[selected]").GetAttributeAsync("value"));
        await SiteBrowser.ScreenshotAsync(page, "registry-2-next-page");

        // Narrowed further, from the form as the second page shows it: type, topic and a week.
        var from = RegistryArchive.Start.AddDays(4);
        var to = RegistryArchive.Start.AddDays(10);
        await page.SelectOptionAsync("select[name=type]", "privacy-policy");
        await page.SelectOptionAsync("select[name=topic]", "cookies");
        await page.FillAsync("input[name=from]", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.FillAsync("input[name=to]", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        query = HttpUtility.ParseQueryString(new Uri(page.Url).Query);
        Assert.Equal(("steppebank", "ru", "privacy-policy", "cookies"), (query["company"], query["language"], query["type"], query["topic"]));
        Assert.Equal((from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), (query["from"], query["to"]));
        Assert.Null(query["page"]); // a new filter starts at its first page
        var narrowed = await RowsAsync(page);
        Assert.NotEmpty(narrowed);
        Assert.True(narrowed.Count < first.Count);
        var since = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero);
        var until = new DateTimeOffset(to.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        Assert.All(narrowed, r =>
        {
            Assert.Equal("steppebank/privacy-policy-ru", r.Document);
            Assert.Equal("cookies", RegistryArchive.TopicOf(r.ToVersion));
            Assert.Contains(PolicyArchiver.Web.SiteTopics.Label("cookies"), r.Topics);
            Assert.InRange(r.At, since, until);
        });
        // Exactly the changes the API lists for the same filter.
        var api = System.Text.Json.Nodes.JsonNode.Parse(await registry.Http.GetStringAsync("/api/changes" + new Uri(page.Url).Query))!.AsArray();
        Assert.Equal(api.Select(c => c!["toVersion"]!.GetValue<int>()).Order(), narrowed.Select(r => r.ToVersion).Order());
        await SiteBrowser.ScreenshotAsync(page, "registry-3-narrowed");
    }

    [Fact]
    public async Task The_date_picker_on_a_document_page_opens_the_version_in_force_that_day()
    {
        const string document = "steppebank/privacy-policy-kk";
        var versions = await registry.Temp.Archive.Catalog.GetVersionsAsync(document);
        Assert.True(versions.Count >= 4);
        // The day version 4 was captured: at its start, version 3 (or an earlier one) was in force, not the latest.
        var day = DateOnly.FromDateTime(versions[3].CapturedAt.UtcDateTime);
        var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var expected = versions.Last(v => v.CapturedAt <= midnight).Number;
        Assert.NotEqual(versions[^1].Number, expected);

        var page = await _context.NewPageAsync();
        await page.GotoAsync(Url("/companies/" + document));
        var picker = page.Locator("form.at input[name=t]");
        Assert.Equal("date", await picker.GetAttributeAsync("type"));
        await picker.FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await SiteBrowser.ScreenshotAsync(page, "registry-4-date-picker");
        await page.Locator("form.at button").ClickAsync();

        Assert.EndsWith($"/companies/{document}/versions/{expected}", page.Url);
        Assert.Contains(RegistryArchive.Text(expected).Split('\n')[^3], await page.Locator("article.policy").InnerTextAsync());
        await SiteBrowser.ScreenshotAsync(page, "registry-5-version-that-day");
    }
}
