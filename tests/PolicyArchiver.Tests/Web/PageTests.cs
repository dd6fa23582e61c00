using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>The server-rendered pages against a real archive of the fixture site.</summary>
[Collection(WebArchiveFixture.Collection)]
public class PageTests(WebArchiveFixture web)
{
    private ICatalog Catalog => web.Temp.Archive.Catalog;

    [Fact]
    public async Task Home_lists_companies_by_sector_with_their_latest_change()
    {
        var page = await Page.OkAsync(web.Http, "/");
        var section = page.QuerySelectorAll("section").Single(s => s.QuerySelector("h2")?.TextContent == "banking");
        var row = section.QuerySelectorAll("tbody tr").Single();
        Assert.Equal("ТОО «Тестовый Банк»", row.QuerySelector("a")!.TextContent);
        Assert.Equal("/companies/testbank", row.QuerySelector("a")!.GetAttribute("href"));
        var latest = (await Task.WhenAll(web.Temp.Targets.Documents.Select(d => Catalog.GetChangesAsync(d.Key)))).SelectMany(c => c).MaxBy(c => c.At)!;
        Assert.Contains(row.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/companies/testbank/{latest.Document.Split('/')[1]}/changes/1");
        // Some fixture documents fail (404, blocked, down): the company is only partly reachable.
        Assert.Contains("partial", row.QuerySelector(".badge")!.ClassList);
    }

    [Fact]
    public async Task Blocked_documents_never_archived_are_flagged_and_not_counted_reachable()
    {
        // The challenge, the captcha wall and the placeholder page of the fixture site.
        string[] walled = ["testbank/transparency-report-en", "testbank/data-processing-consent-ru", "testbank/community-guidelines-ru"];
        var documents = web.Temp.Targets.Documents.ToList();
        var availability = (await Task.WhenAll(documents.Select(d => Catalog.GetAvailabilityAsync(d.Key)))).ToList();
        Assert.Equal(walled, availability.Where(a => a.Blocked && a.NeverArchived).Select(a => a.Document));

        var home = await Page.OkAsync(web.Http, "/");
        var row = home.QuerySelectorAll("section").Single(s => s.QuerySelector("h2")?.TextContent == "banking").QuerySelector("tbody tr")!;
        var reachable = availability.Count(a => a.LastAttempt?.Outcome == Outcome.Ok);
        Assert.Equal([$"{reachable} of {documents.Count}", "3 blocked"], row.QuerySelectorAll("td .badge").Select(b => b.TextContent));

        var company = (await Page.OkAsync(web.Http, "/companies/testbank")).QuerySelector("main .warning[role=alert]")!;
        Assert.StartsWith($"3 of {documents.Count} documents are blocked", company.TextContent);
        Assert.Equal(walled.Select(k => "/companies/" + k), company.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("transparency-report-en (never archived)", company.TextContent);

        var page = await Page.OkAsync(web.Http, "/companies/testbank/transparency-report-en");
        var banner = page.QuerySelector("main .warning[role=alert]")!;
        Assert.StartsWith("Blocked since ", banner.TextContent);
        Assert.Contains(", never archived. 2 attempts got a page standing in the document's way instead of it (last: Cloudflare challenge (", banner.TextContent);
        Assert.EndsWith("The archive holds no version of this document.", banner.TextContent);
        Assert.Contains("never archived", page.QuerySelector("dl.facts")!.TextContent);
        Assert.Null((await Page.OkAsync(web.Http, "/companies/testbank/privacy-policy-ru")).QuerySelector(".warning"));
    }

    [Fact]
    public async Task Company_matrix_shows_each_type_by_language_with_missing_languages_visible()
    {
        var page = await Page.OkAsync(web.Http, "/companies/testbank");
        var matrix = page.QuerySelector("table.matrix")!;
        var languages = matrix.QuerySelectorAll("thead th").Skip(1).Select(th => th.GetAttribute("lang")).ToList();
        Assert.Equal(["kk", "ru", "en"], languages);
        var rows = matrix.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent);
        Assert.Equal(web.Temp.Targets.Documents.Select(d => d.Type).Distinct().Order(), rows.Keys.Order());
        foreach (var document in web.Temp.Targets.Documents)
        {
            var cells = rows[document.Type].QuerySelectorAll("td").ToList();
            var cell = cells[languages.IndexOf(document.Language)];
            Assert.Contains(cell.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/companies/testbank/{document.Id}");
        }
        // The user agreement exists only in Russian: its Kazakh and English cells say so.
        var agreement = rows["user-agreement"].QuerySelectorAll("td").ToList();
        Assert.Equal(["missing", "", "missing"], agreement.Select(td => td.ClassName ?? ""));
    }

    [Fact]
    public async Task Company_timeline_draws_every_version_and_the_outages()
    {
        var page = await Page.OkAsync(web.Http, "/companies/testbank");
        var svg = page.QuerySelector("svg.timeline")!;
        var versions = 0;
        foreach (var d in web.Temp.Targets.Documents) versions += (await Catalog.GetVersionsAsync(d.Key)).Count;
        Assert.Equal(versions, svg.QuerySelectorAll("circle.version").Length);
        Assert.Contains(svg.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/companies/testbank/privacy-policy-ru/versions/2");
        Assert.NotEmpty(svg.QuerySelectorAll("rect.down"));    // the vanished cookie policy and the server that is down
        Assert.NotEmpty(svg.QuerySelectorAll("rect.blocked")); // the challenge and captcha pages
        Assert.NotEmpty(svg.QuerySelectorAll("rect.up"));
    }

    [Fact]
    public async Task Company_changelog_links_every_change_to_its_diff()
    {
        var page = await Page.OkAsync(web.Http, "/companies/testbank");
        var links = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Where(h => h?.Contains("/changes/") == true).ToHashSet();
        foreach (var d in web.Temp.Targets.Documents)
            foreach (var (change, i) in (await Catalog.GetChangesAsync(d.Key)).Select((c, i) => (c, i)))
                Assert.Contains($"/companies/testbank/{d.Id}/changes/{i + 1}", links);
    }

    [Fact]
    public async Task Document_page_shows_versions_and_every_attempt_including_failures()
    {
        var page = await Page.OkAsync(web.Http, "/companies/testbank/privacy-policy-ru");
        var versionLinks = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/companies/testbank/privacy-policy-ru/versions/1", versionLinks);
        Assert.Contains("/companies/testbank/privacy-policy-ru/versions/2", versionLinks);
        Assert.Contains("/companies/testbank/privacy-policy-ru/changes/1", versionLinks);

        var gone = await Page.OkAsync(web.Http, "/companies/testbank/cookie-policy-ru");
        var observations = await Catalog.GetObservationsAsync("testbank/cookie-policy-ru");
        var rows = gone.QuerySelectorAll("table.observations tbody tr");
        Assert.Equal(observations.Count, rows.Length);
        Assert.All(rows, r => Assert.Equal(Outcome.NotFound.ToWire(), r.QuerySelector(".badge")!.TextContent));
        Assert.Contains("No version yet", gone.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Change_page_shows_the_diff_inline_and_side_by_side_with_changed_words_marked()
    {
        var page = await Page.OkAsync(web.Http, "/companies/testbank/privacy-policy-ru/changes/1");
        var inline = page.QuerySelector("table.diff.inline")!;
        var side = page.QuerySelector("table.diff.side")!;
        // The retention period went from 3 years to 5: only those words are marked within the line.
        var retentionRemoved = inline.QuerySelectorAll("tr.del").Single(r => r.TextContent.Contains("5.2. Срок хранения"));
        Assert.Equal("3 года", string.Join(" ", retentionRemoved.QuerySelectorAll("del").Select(d => d.TextContent.Trim())).Trim());
        var retentionAdded = inline.QuerySelectorAll("tr.ins").Single(r => r.TextContent.Contains("5.2. Срок хранения"));
        Assert.Equal("5 лет", string.Join(" ", retentionAdded.QuerySelectorAll("ins").Select(d => d.TextContent.Trim())).Trim());
        Assert.Contains(inline.QuerySelectorAll("tr.ins ins"), i => i.TextContent.StartsWith("6.4. Банк вправе передавать персональные данные клиентов партнёрам", StringComparison.Ordinal));
        Assert.Contains(inline.QuerySelectorAll("tr.del"), r => r.TextContent.Contains("4.3. Банк не принимает решений"));
        Assert.Contains(side.QuerySelectorAll("td.del del"), d => d.TextContent.Contains('3'));
        Assert.Contains(side.QuerySelectorAll("td.ins ins"), d => d.TextContent.Contains('5'));
        Assert.NotEmpty(inline.QuerySelectorAll("tr.fold")); // unchanged clauses are folded, not repeated
    }

    [Fact]
    public async Task Version_page_shows_the_text_in_its_language_with_links_to_the_evidence()
    {
        var version = (await Catalog.GetVersionAsync("testbank/privacy-policy-kk", 1))!;
        var page = await Page.OkAsync(web.Http, "/companies/testbank/privacy-policy-kk/versions/1");
        var article = page.QuerySelector("article.policy")!;
        Assert.Equal("kk", article.GetAttribute("lang"));
        var text = await web.Temp.Archive.ReadTextAsync(version);
        // Every line is one block, in order: headings as headings and list items as items, without their marks.
        Assert.Equal(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.RegularExpressions.Regex.Replace(l, "^(#{1,6} |- )", "")),
            article.QuerySelectorAll("p, h3, h4, h5, h6, li").Select(p => p.TextContent));
        Assert.NotEmpty(article.QuerySelectorAll("h3"));
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/companies/testbank/privacy-policy-kk/snapshots/{version.ObservationId}");

        var plain = await web.Http.GetAsync("/companies/testbank/privacy-policy-kk/versions/1/text");
        Assert.Equal(text, await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Raw_snapshot_is_served_byte_for_byte_inside_a_sandbox()
    {
        var version = (await Catalog.GetVersionAsync("testbank/user-agreement-ru", 1))!;
        var path = $"/companies/testbank/user-agreement-ru/snapshots/{version.ObservationId}";
        var page = await Page.OkAsync(web.Http, path);
        // The page is shown replayed (scripts in an opaque origin, no allow-same-origin); the raw bytes are a link.
        var frame = page.QuerySelector("iframe.replay")!;
        Assert.Equal("allow-scripts allow-forms allow-popups allow-modals", frame.GetAttribute("sandbox"));
        Assert.StartsWith("/replay/", frame.GetAttribute("src"));
        Assert.EndsWith("/" + (await Catalog.GetSnapshotAsync(version.ObservationId))!.FinalUrl, frame.GetAttribute("src"));
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == path + "/raw");
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == path + "/replay");

        var raw = await web.Http.GetAsync(path + "/raw");
        var policy = raw.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("sandbox", policy);
        Assert.Contains("default-src 'none'", policy);
        Assert.Equal("nosniff", raw.Headers.GetValues("X-Content-Type-Options").Single());
        var snapshot = (await Catalog.GetSnapshotAsync(version.ObservationId))!;
        Assert.Equal(await web.Temp.Archive.Blobs.GetAsync(snapshot.BodySha256), await raw.Content.ReadAsByteArrayAsync());
        Assert.Equal("windows-1251", raw.Content.Headers.ContentType?.CharSet);
        Assert.Equal(1, raw.Content.Headers.GetValues("Content-Type").Single().Split("charset=").Length - 1);

        var asText = await web.Http.GetAsync(path + "/raw?as=text");
        Assert.Equal("text/plain; charset=windows-1251", asText.Content.Headers.GetValues("Content-Type").Single());
        // Captured in the fixture's first round, as archives made before PDF screenshots were: a PNG, shown as an image.
        var screenshot = await web.Http.GetAsync(path + "/screenshot");
        Assert.Equal("image/png", screenshot.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("sandbox", screenshot.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(await web.Temp.Archive.Blobs.GetAsync(snapshot.ScreenshotSha256!), await screenshot.Content.ReadAsByteArrayAsync());
        Assert.Equal(path + "/screenshot", page.QuerySelector("img.screenshot")!.GetAttribute("src"));
        Assert.Null(page.QuerySelector("iframe.screenshot"));
    }

    [Fact]
    public async Task A_pdf_screenshot_is_served_as_a_pdf_the_browser_may_show_and_framed_in_the_snapshot_page()
    {
        // Version 2 was captured with the default screenshot: the page printed to PDF.
        var version = (await Catalog.GetVersionAsync("testbank/privacy-policy-ru", 2))!;
        var path = $"/companies/testbank/privacy-policy-ru/snapshots/{version.ObservationId}";
        var snapshot = (await Catalog.GetSnapshotAsync(version.ObservationId))!;

        var screenshot = await web.Http.GetAsync(path + "/screenshot");
        Assert.Equal("application/pdf", screenshot.Content.Headers.ContentType?.MediaType);
        var bytes = await screenshot.Content.ReadAsByteArrayAsync();
        Assert.Equal(await web.Temp.Archive.Blobs.GetAsync(snapshot.ScreenshotSha256!), bytes);
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        // Chromium's PDF viewer shows nothing in a sandboxed document; the rest of the policy stays.
        var policy = screenshot.Headers.GetValues("Content-Security-Policy").Single();
        Assert.DoesNotContain("sandbox", policy);
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("frame-ancestors 'self'", policy);
        Assert.Equal("nosniff", screenshot.Headers.GetValues("X-Content-Type-Options").Single());

        var page = await Page.OkAsync(web.Http, path);
        Assert.Equal(path + "/screenshot", page.QuerySelector("iframe.screenshot")!.GetAttribute("src"));
        Assert.Null(page.QuerySelector("img.screenshot"));
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == path + "/screenshot" && a.TextContent.Contains("PDF", StringComparison.Ordinal));
    }

    [Fact]
    public async Task At_an_instant_redirects_to_the_version_in_force()
    {
        var versions = await Catalog.GetVersionsAsync("testbank/privacy-policy-ru");
        var between = versions[1].CapturedAt.AddTicks(-1).UtcDateTime.ToString("O");
        var response = await web.Http.GetAsync($"/companies/testbank/privacy-policy-ru/at?t={Uri.EscapeDataString(between)}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/companies/testbank/privacy-policy-ru/versions/1", response.Headers.Location?.OriginalString);
        response = await web.Http.GetAsync($"/companies/testbank/privacy-policy-ru/at?t={Uri.EscapeDataString(versions[1].CapturedAt.UtcDateTime.ToString("O"))}");
        Assert.Equal("/companies/testbank/privacy-policy-ru/versions/2", response.Headers.Location?.OriginalString);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await web.Http.GetAsync("/companies/testbank/privacy-policy-ru/at?t=2001-01-01")).StatusCode);
    }

    [Fact]
    public async Task Evidence_bundle_downloads_for_a_version_covered_by_a_checkpoint()
    {
        var version = (await Catalog.GetVersionAsync("testbank/privacy-policy-ru", 2))!;
        // The version page links it by the version's instant as shown (to the millisecond): it still finds that version.
        var page = await Page.OkAsync(web.Http, "/companies/testbank/privacy-policy-ru/versions/2");
        var link = page.QuerySelectorAll("a").Single(a => a.TextContent == "evidence bundle").GetAttribute("href")!;
        Assert.Equal($"/companies/testbank/privacy-policy-ru/evidence?at={Uri.EscapeDataString(Instant.Format(version.CapturedAt))}", link);
        var response = await web.Http.GetAsync(link);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        using var text = new StreamReader(zip.GetEntry("evidence/text.txt")!.Open());
        Assert.Equal(await web.Temp.Archive.ReadTextAsync(version), await text.ReadToEndAsync());
        Assert.NotNull(zip.GetEntry("evidence/manifest.sig"));
    }

    [Theory]
    [InlineData("/companies/nobody")]
    [InlineData("/companies/testbank/no-such-document")]
    [InlineData("/companies/testbank/privacy-policy-ru/versions/99")]
    [InlineData("/companies/testbank/privacy-policy-ru/changes/7")]
    [InlineData("/companies/testbank/privacy-policy-ru/changes/first")]
    [InlineData("/companies/testbank/privacy-policy-ru/snapshots/999999/raw")]
    [InlineData("/companies/testbank/cookie-policy-ru/snapshots/1/raw")]
    [InlineData("/no/such/page.png")]
    public async Task Unknown_ids_give_a_404_page(string path)
    {
        var (response, page) = await Page.GetAsync(web.Http, path);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not found", page.QuerySelector("h1")?.TextContent);
    }

    [Theory]
    [InlineData("/companies/testbank/privacy-policy-ru/at?t=yesterday")]
    [InlineData("/companies/testbank/privacy-policy-ru/evidence?at=12/31/2025")]
    [InlineData("/companies/testbank/privacy-policy-ru/at")]
    public async Task Bad_dates_give_a_400_page_with_the_reason(string path)
    {
        var (response, page) = await Page.GetAsync(web.Http, path);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not an ISO 8601 date", page.QuerySelector("main")!.TextContent);
    }

    [Theory]
    [InlineData("/companies/..%2F..%2Fcatalog.db")]
    [InlineData("/companies/testbank/..%2F..%2F..%2Fcatalog.db")]
    [InlineData("/companies/testbank/%2E%2E/versions/1/text")]
    [InlineData("/companies/..%5C..%5Ckeys%5Carchive-key.pem/x")]
    [InlineData("/site.css/../../catalog.db")]
    public async Task No_parameter_reaches_a_file_of_the_archive(string path)
    {
        var response = await web.Http.GetAsync(path);
        Assert.False(response.IsSuccessStatusCode && !path.StartsWith("/site.css", StringComparison.Ordinal), $"{path}: {(int)response.StatusCode}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SQLite format", body);
        Assert.DoesNotContain("PRIVATE KEY", body);
    }

    [Fact]
    public async Task No_request_changes_the_archive()
    {
        var before = await Catalog.CountRowsAsync();
        var ledger = (await Catalog.GetLedgerHeadAsync())!.Hash;
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            var response = await web.Http.SendAsync(new HttpRequestMessage(method, "/companies/testbank/privacy-policy-ru"));
            Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, response.StatusCode);
        }
        foreach (var path in new[] { "/", "/changes", "/companies/testbank", "/companies/testbank/privacy-policy-ru", "/companies/testbank/privacy-policy-ru/changes/1", "/api/changes" })
            Assert.True((await web.Http.GetAsync(path)).IsSuccessStatusCode, path);
        Assert.Equal(before, await Catalog.CountRowsAsync());
        Assert.Equal(ledger, (await Catalog.GetLedgerHeadAsync())!.Hash);
    }

    [Fact]
    public async Task Pages_run_no_script_and_load_nothing_from_elsewhere()
    {
        var response = await web.Http.GetAsync("/companies/testbank");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy);
        Assert.DoesNotContain("script-src", policy);
        var page = await Page.OkAsync(web.Http, "/companies/testbank");
        Assert.Empty(page.QuerySelectorAll("script"));
    }
}
