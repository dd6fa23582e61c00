using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// The Atom feeds, read back by feedparser (npm), an independent implementation: what a feed reader
/// sees must be the archive's changes, one entry each, with ids that never change and name this archive.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public sealed class FeedTests(WebArchiveFixture web)
{
    private sealed record ExpectedEntry(string Document, int Number, DateTimeOffset At, string Summary)
    {
        /// <summary>Tagged with the host of the site's address (here the one it listens on: no public URL is configured).</summary>
        public string Id => $"tag:127.0.0.1,{At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{Document}/changes/{Number}";
        public string Path => $"/companies/{Document}/changes/{Number}";
    }

    /// <summary>The archive's changes a feed must list: every one that is not technical, newest first.</summary>
    private async Task<List<ExpectedEntry>> ChangesAsync()
    {
        var expected = new List<ExpectedEntry>();
        foreach (var document in await web.Temp.Archive.Catalog.GetDocumentsAsync())
        {
            var changes = await web.Temp.Archive.Catalog.GetChangesAsync(document);
            expected.AddRange(changes.Select((c, i) => (Change: c, Number: i + 1)).Where(c => !c.Change.Technical)
                .Select(c => new ExpectedEntry(document, c.Number, c.Change.At,
                    $"+{c.Change.LinesAdded} −{c.Change.LinesRemoved} lines, +{c.Change.WordsAdded} −{c.Change.WordsRemoved} words")));
        }
        return expected.OrderByDescending(e => e.At).ToList();
    }

    [Fact]
    public async Task Feed_has_one_entry_per_change_newest_first_with_permanent_tag_ids()
    {
        var feed = await ReadFeedAsync("/feed.atom");
        var expected = await ChangesAsync();

        Assert.Subset(expected.Select(e => e.Document).ToHashSet(), WebArchiveFixture.Changed.ToHashSet());
        Assert.Equal("atom", feed.GetProperty("type").GetString());
        var items = Items(feed);
        Assert.Equal(expected.Select(e => e.Id).Order(), items.Select(i => i.GetProperty("id").GetString()).Order());
        var dates = items.Select(i => DateTimeOffset.Parse(i.GetProperty("date").GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        foreach (var e in expected)
        {
            var item = items.Single(i => i.GetProperty("id").GetString() == e.Id);
            Assert.Equal(Truncated(e.At), DateTimeOffset.Parse(item.GetProperty("date").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(item.GetProperty("date").GetString(), item.GetProperty("published").GetString());
            Assert.Equal(e.Summary, item.GetProperty("summary").GetString());
        }
    }

    [Fact]
    public async Task Atom_dates_are_the_changes_instants_written_as_everywhere_else()
    {
        using var response = await web.Http.GetAsync("/feed.atom");
        var atom = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        XNamespace ns = "http://www.w3.org/2005/Atom";
        var expected = await ChangesAsync();

        Assert.Equal(Instant.Format(expected.Max(e => e.At)), atom.Element(ns + "updated")!.Value);
        foreach (var entry in atom.Elements(ns + "entry"))
        {
            var at = Instant.Format(expected.Single(e => e.Id == entry.Element(ns + "id")!.Value).At);
            Assert.Equal((at, at), (entry.Element(ns + "updated")!.Value, entry.Element(ns + "published")!.Value));
            Assert.Matches(ShownInstants.Format(), at);
        }
        Assert.Contains(atom.Elements(ns + "entry"), e => e.Element(ns + "updated")!.Value.Contains('.')); // captures happen at clock time
    }

    [Fact]
    public async Task Entries_link_to_the_absolute_page_of_their_change_on_this_site()
    {
        var items = Items(await ReadFeedAsync("/feed.atom"));
        var expected = await ChangesAsync();

        Assert.Equal(expected.Count, items.Count);
        foreach (var e in expected)
        {
            var link = new Uri(items.Single(i => i.GetProperty("id").GetString() == e.Id).GetProperty("link").GetString()!);
            Assert.Equal(web.BaseUrl.GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));
            Assert.Equal(e.Path, link.AbsolutePath);
            Assert.EndsWith("/changes/1", link.AbsolutePath);
        }
    }

    [Fact]
    public async Task Entries_name_the_company_document_and_versions_and_show_the_word_diff()
    {
        var items = Items(await ReadFeedAsync("/feed.atom"));

        var privacy = items.Single(i => i.GetProperty("id").GetString()!.EndsWith(":testbank/privacy-policy-ru/changes/1", StringComparison.Ordinal));
        Assert.Equal("ТОО «Тестовый Банк» — Privacy policy (ru): version 1 → 2", privacy.GetProperty("title").GetString());
        var content = privacy.GetProperty("content").GetString()!;
        Assert.Contains("составляет <del>3</del><ins>5</ins> <del>года</del><ins>лет</ins> с момента", content);
        Assert.Matches("<ins>6\\.4\\. Банк вправе передавать [^<]*Тест Бонус[^<]*</ins>", content);
        Assert.Matches("<del>4\\.3\\. Банк не принимает решений[^<]*</del>", content);
    }

    [Fact]
    public async Task Feeds_are_served_as_atom_in_utf8()
    {
        using var response = await web.Http.GetAsync("/feed.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
    }

    [Fact]
    public async Task Feed_describes_itself_with_id_title_links_author_and_generator()
    {
        var feed = await ReadFeedAsync("/feed.atom");
        var newest = (await ChangesAsync()).Max(e => e.At);

        Assert.Equal("tag:127.0.0.1,2026:changes", feed.GetProperty("id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(feed.GetProperty("title").GetString()));
        Assert.Equal(new Uri(web.BaseUrl, "/feed.atom"), new Uri(feed.GetProperty("self").GetString()!));
        Assert.Equal(new Uri(web.BaseUrl, "/changes"), new Uri(feed.GetProperty("link").GetString()!));
        Assert.Equal(Truncated(newest), DateTimeOffset.Parse(feed.GetProperty("date").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal("PolicyArchiver", feed.GetProperty("author").GetString());
        Assert.Equal("PolicyArchiver", feed.GetProperty("generator").GetString());
    }

    [Fact]
    public async Task Company_feed_lists_that_companys_changes_under_its_own_id()
    {
        var all = await ReadFeedAsync("/feed.atom");
        var company = await ReadFeedAsync($"/companies/{WebArchiveFixture.Company}/feed.atom");

        Assert.Equal(Items(all).Select(i => i.GetProperty("id").GetString()), Items(company).Select(i => i.GetProperty("id").GetString()));
        Assert.NotEqual(all.GetProperty("id").GetString(), company.GetProperty("id").GetString());
        Assert.Equal(new Uri(web.BaseUrl, $"/companies/{WebArchiveFixture.Company}/feed.atom"), new Uri(company.GetProperty("self").GetString()!));
        Assert.Equal(new Uri(web.BaseUrl, $"/companies/{WebArchiveFixture.Company}"), new Uri(company.GetProperty("link").GetString()!));
    }

    [Fact]
    public async Task Feed_of_an_unknown_company_is_not_found()
    {
        using var response = await web.Http.GetAsync("/companies/no-such-company/feed.atom");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Entry_ids_are_the_same_on_every_request()
    {
        var first = await ReadFeedAsync("/feed.atom");
        var second = await ReadFeedAsync("/feed.atom");

        Assert.NotEmpty(Items(first));
        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal(Items(first).Select(i => i.GetProperty("id").GetString()), Items(second).Select(i => i.GetProperty("id").GetString()));
    }

    private static List<JsonElement> Items(JsonElement feed) => feed.GetProperty("items").EnumerateArray().ToList();

    /// <summary>Atom dates as written: to the millisecond.</summary>
    private static DateTimeOffset Truncated(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    /// <summary>Fetches a feed from the site and returns what feedparser read in it.</summary>
    private async Task<JsonElement> ReadFeedAsync(string path)
    {
        using var response = await web.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = Path.Combine(web.Temp.Directory, $"feed-{Guid.NewGuid():N}.atom");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        var script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "feedparser", "read-feed.mjs");
        var result = await Repository.RunAsync("node", AppContext.BaseDirectory, script, Repository.Feedparser, file);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }
}
