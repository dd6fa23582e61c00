using Microsoft.Playwright;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// The pages a researcher opens on a phone (Playwright's iPhone 13: 390×844, touch, scale 3, no
/// JavaScript) never push the page sideways: wide tables scroll inside their own box, and no text
/// is cut off. And the document page shows the text in force with its headings as headings.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public sealed class PhoneLayoutTests(WebArchiveFixture web) : IAsyncLifetime
{
    private SiteBrowser _session = null!;

    public async Task InitializeAsync() => _session = await SiteBrowser.LaunchAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    /// <summary>
    /// What overflows: the page wider than the window, a table wider than the window or wider than its
    /// box without scrolling, an element outside the window not inside a scrolling box, and text cut off
    /// by a box that hides its overflow.
    /// </summary>
    private const string Overflows = """
        () => {
          const width = window.innerWidth;
          const problems = [];
          const name = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
          const scrolls = e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
          const inScroller = e => { for (let p = e.parentElement; p; p = p.parentElement) if (scrolls(p)) return true; return false; };
          if (document.documentElement.scrollWidth > width + 1) problems.push(`page ${document.documentElement.scrollWidth}px wide in a ${width}px window`);
          for (const table of document.querySelectorAll('table')) {
            const box = table.getBoundingClientRect();
            if (box.right > width + 1 && !inScroller(table)) problems.push(`${name(table)} ends at ${box.right}px`);
            if (table.scrollWidth > table.clientWidth + 1 && !scrolls(table) && !inScroller(table)) problems.push(`${name(table)} is ${table.scrollWidth}px in a ${table.clientWidth}px box that does not scroll`);
          }
          for (const e of document.querySelectorAll('body *')) {
            const box = e.getBoundingClientRect();
            if (box.width === 0 || inScroller(e) || scrolls(e)) continue;
            if (box.right > width + 1 || box.left < -1) problems.push(`${name(e)} spans ${box.left}..${box.right}px`);
            const style = getComputedStyle(e);
            if (['hidden', 'clip'].includes(style.overflowX) && e.scrollWidth > e.clientWidth + 1 && e.textContent.trim()) problems.push(`${name(e)} cuts its text off`);
          }
          return problems.slice(0, 20);
        }
        """;

    [Theory]
    [InlineData("phone-1-home", "")]
    [InlineData("phone-2-company", "companies/testbank")]
    [InlineData("phone-3-change", "companies/testbank/privacy-policy-ru/changes/1")]
    [InlineData("phone-4-changes", "changes")]
    [InlineData("phone-5-document", "companies/testbank/privacy-policy-ru")]
    public async Task A_page_on_a_phone_fits_its_width_and_wide_tables_scroll_in_their_own_box(string screenshot, string path)
    {
        await using var phone = await _session.PhoneAsync();
        var page = await phone.NewPageAsync();
        var response = await page.GotoAsync(new Uri(web.BaseUrl, path).ToString());
        Assert.True(response!.Ok, $"{path}: {response.Status}");
        Assert.Equal(390, await page.EvaluateAsync<int>("() => window.innerWidth"));
        await SiteBrowser.ScreenshotAsync(page, screenshot);

        var problems = await page.EvaluateAsync<string[]>(Overflows);

        Assert.True(problems.Length == 0, $"/{path} on a phone: {string.Join("; ", problems)}");
    }

    [Fact]
    public async Task The_change_page_on_a_phone_shows_its_clause_table_with_topics_readable()
    {
        await using var phone = await _session.PhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync(new Uri(web.BaseUrl, "companies/testbank/privacy-policy-ru/changes/1").ToString());
        var clauses = page.Locator("table.clauses");
        Assert.True(await clauses.IsVisibleAsync());
        // Every topic badge can be brought into view and is as wide as its label, not squeezed to nothing.
        var topic = clauses.Locator("span.topic").First;
        await topic.ScrollIntoViewIfNeededAsync();
        var box = (await topic.BoundingBoxAsync())!;
        var natural = await topic.EvaluateAsync<double>("e => e.scrollWidth");
        Assert.True(box.Width + 1 >= natural, $"topic badge {box.Width}px for {natural}px of text");
        // The clause's text column is wide enough to read: at least a third of the phone's width.
        var text = (await clauses.Locator("tbody tr").First.Locator("td").Last.BoundingBoxAsync())!;
        Assert.True(text.Width >= 390 / 3.0, $"clause text column {text.Width}px wide");
        // The same in the inline and side-by-side diffs: each row's text gets room to be read.
        var narrow = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('table.diff')].flatMap(t => [...t.querySelectorAll('tbody tr')].slice(0, 5)
              .map(r => [...r.querySelectorAll('td')].filter(td => !td.classList.contains('ln') && !td.classList.contains('mark')))
              .filter(cells => cells.length > 0)
              .map(cells => Math.max(...cells.map(td => td.getBoundingClientRect().width)))
              .filter(w => w < window.innerWidth / 3)
              .map(w => `${t.className}: ${w}px`))
            """);
        Assert.True(narrow.Length == 0, string.Join("; ", narrow));
        await SiteBrowser.ScreenshotAsync(page, "phone-6-clauses");
    }

    [Fact]
    public async Task The_document_page_shows_the_text_in_force_with_headings_as_headings()
    {
        await using var desktop = await _session.NewContextAsync();
        var page = await desktop.NewPageAsync();
        await page.GotoAsync(new Uri(web.BaseUrl, "companies/testbank/privacy-policy-ru").ToString());

        var inForce = page.GetByRole(AriaRole.Heading, new() { Name = "Text in force", Level = 2 });
        Assert.True(await inForce.IsVisibleAsync());
        var policy = page.Locator("article.policy");
        Assert.True(await policy.IsVisibleAsync());
        // The fixture's <h2>/<h3> come back as headings of the archived text (below the page's own h1
        // and h2, so one level down, the same one apart), never as raw # marks.
        var section = policy.Locator(":is(h3, h4, h5, h6)", new() { HasText = "5. Хранение и защита персональных данных" });
        var subsection = policy.Locator(":is(h3, h4, h5, h6)", new() { HasText = "7.1. Права субъекта" });
        Assert.True(await section.IsVisibleAsync());
        Assert.True(await subsection.IsVisibleAsync());
        var levels = (await section.EvaluateAsync<string>("e => e.tagName"), await subsection.EvaluateAsync<string>("e => e.tagName"));
        Assert.Equal(levels.Item1[1] + 1, levels.Item2[1]);
        Assert.DoesNotContain("#", await policy.InnerTextAsync());
        // The text in force is the latest version's: the v2 edit (5 years of retention) is in it.
        Assert.Contains("5 лет", await policy.InnerTextAsync());
        await SiteBrowser.ScreenshotAsync(page, "document-text-in-force");
    }
}
