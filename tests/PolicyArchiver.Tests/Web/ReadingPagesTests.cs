using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>The document page shows the text in force with its headings; a change shows both sides as seen, with their evidence.</summary>
[Collection(WebArchiveFixture.Collection)]
public sealed class ReadingPagesTests(WebArchiveFixture web)
{
    [Fact]
    public async Task The_document_page_shows_the_text_in_force_with_headings_as_headings()
    {
        var headingsSeen = 0;
        foreach (var key in WebArchiveFixture.Changed)
        {
            var latest = (await web.Temp.Archive.Catalog.GetLatestVersionAsync(key))!;
            var text = await web.Temp.Archive.ReadTextAsync(latest);
            var page = await Page.OkAsync(web.Http, "/companies/" + key);

            var section = page.QuerySelectorAll("h2").Single(h => h.TextContent == "Text in force");
            Assert.Contains($"Version {latest.Number}", section.NextElementSibling!.TextContent);
            var article = section.NextElementSibling!.NextElementSibling!;
            Assert.Equal("article", article.LocalName);
            var headings = text.Split('\n').Where(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim()).ToList();
            Assert.Equal(headings, article.QuerySelectorAll("h3, h4, h5, h6").Select(h => h.TextContent));
            Assert.DoesNotContain(article.QuerySelectorAll("p, li"), p => p.TextContent.StartsWith('#'));
            headingsSeen += headings.Count;
        }
        Assert.True(headingsSeen > 0);
    }

    public static TheoryData<string> ChangedDocuments() => [.. WebArchiveFixture.Changed];

    [Theory]
    [MemberData(nameof(ChangedDocuments))]
    public async Task A_change_shows_each_side_as_seen_with_its_evidence_bundle(string key)
    {
        var change = (await web.Temp.Archive.Catalog.GetChangesAsync(key))[0];
        var page = await Page.OkAsync(web.Http, $"/companies/{key}/changes/1");

        var sides = page.QuerySelectorAll(".sides figure");
        Assert.Equal(2, sides.Length);
        foreach (var (figure, number) in sides.Zip([change.FromVersion, change.ToVersion]))
        {
            var version = (await web.Temp.Archive.Catalog.GetVersionAsync(key, number))!;
            var evidence = figure.QuerySelectorAll("a").Single(a => a.TextContent == "evidence bundle").GetAttribute("href")!;
            Assert.Equal($"/companies/{key}/evidence?at={Uri.EscapeDataString(Instant.Format(version.CapturedAt))}", evidence);
            var snapshot = await web.Temp.Archive.Catalog.GetSnapshotAsync(version.ObservationId);
            // Version 1 was captured with PNG screenshots, version 2 with the default PDF print (WebArchiveFixture).
            var (shown, name) = number == 1 ? ("img", "screenshot.png") : ("iframe.screenshot", "screenshot.pdf");
            Assert.Equal(snapshot?.ScreenshotSha256 is not null, figure.QuerySelector(shown) is not null);
            var download = await web.Http.GetAsync(evidence);
            Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
            using var bundle = new System.IO.Compression.ZipArchive(await download.Content.ReadAsStreamAsync());
            var screenshots = bundle.Entries.Select(e => e.FullName).Where(f => f.StartsWith("evidence/snapshot/screenshot", StringComparison.Ordinal)).ToList();
            Assert.Equal(snapshot?.ScreenshotSha256 is null ? [] : ["evidence/snapshot/" + name], screenshots);
        }
    }
}
