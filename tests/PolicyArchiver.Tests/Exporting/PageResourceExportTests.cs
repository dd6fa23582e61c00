using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Tests.Support;
using static PolicyArchiver.Tests.Capture.SubresourceRecordingTests;

namespace PolicyArchiver.Tests.Exporting;

/// <summary>
/// The resources a page loaded travel with it: into the WACZ that replay tools open, and into an
/// evidence bundle, each with the responses their revisits refer to (recorded for another document).
/// On the storage the test run is configured with.
/// </summary>
public sealed class PageResourceExportTests
{
    [Fact]
    public async Task The_wacz_holds_and_indexes_the_pages_resources_and_lists_each_page_by_its_title()
    {
        await using var site = await ReplaySite.StartAsync();
        using var temp = await ArchiveOf(site);
        await CaptureAsync(temp, Options(), "privacy-policy-ru");
        await CaptureAsync(temp, Options(), "public-offer-ru");

        var wacz = ExportRun.NewPath(".wacz");
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var export = await Support.Cli.RunAsync(temp, "export", "--format", "wacz", "--from", day, "--to", day, "--out", wacz);
        Assert.True(export.ExitCode == 0, export.Error);
        using var zip = ZipFile.OpenRead(wacz);

        var records = WarcReader.ReadAllFrom(ExportRun.Entry(zip, "archive/data.warc.gz"), "data.warc.gz");
        var font = new Uri(site.CdnUrl, "fixture-serif.ttf").AbsoluteUri;
        var data = site.Page("api/policy.json").AbsoluteUri;
        // The offer's page loads the stylesheet and font the privacy page loaded: revisits, each with its original.
        Assert.Single(records, r => r.Type == "response" && r["WARC-Target-URI"] == font);
        Assert.Single(records, r => r.Type == "response" && r["WARC-Target-URI"] == data);
        var revisits = records.Where(r => r.Type == "revisit" && r["WARC-Target-URI"]!.StartsWith(site.BaseUrl.AbsoluteUri, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(revisits);
        Assert.All(revisits, r => Assert.Contains(records, o => o.Type == "response" && o.RecordId == r["WARC-Refers-To"]));

        var index = Encoding.UTF8.GetString(ExportRun.Entry(zip, "indexes/index.cdxj")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var url in new[] { font, data, site.Page("assets/site.css").AbsoluteUri, site.Page("images/header.png").AbsoluteUri })
            Assert.Contains(index, line => line.Contains($"\"url\":\"{url}\"", StringComparison.Ordinal));

        var pages = Encoding.UTF8.GetString(ExportRun.Entry(zip, "pages/pages.jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(p => p.GetProperty("url").GetString()!, p => p.GetProperty("title").GetString());
        Assert.Equal("Политика конфиденциальности — Fixture Bank", pages[site.Page("index.html").AbsoluteUri]);
        Assert.Equal("Публичная оферта — Fixture Bank", pages[site.Page("scripted.html").AbsoluteUri]);
    }

    [Fact]
    public async Task An_evidence_bundle_holds_the_pages_resources_with_the_originals_recorded_for_another_document()
    {
        await using var site = await ReplaySite.StartAsync();
        // The cookie page asks for the stylesheet under a new address: the same bytes, recorded once.
        var cookies = (await File.ReadAllTextAsync(Path.Combine(ReplaySite.Root, "cookies.html"))).Replace("assets/site.css", "assets/site.css?v=2", StringComparison.Ordinal)
            .Replace("{{cdn}}", site.CdnUrl.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);
        Assert.Contains("site.css?v=2", cookies);
        site.Add("cookies.html", Encoding.UTF8.GetBytes(cookies), "text/html; charset=utf-8");
        using var temp = await ArchiveOf(site);
        foreach (var document in new[] { "privacy-policy-ru", "cookie-policy-ru" })
        {
            var run = await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--allow-network", "127.0.0.0/8", "--no-confirm", "--only", $"fixturebank/{document}");
            Assert.True(run.ExitCode == 0, run.Error);
        }
        var (_, resources) = await PageAndResourcesAsync(temp, "cookie-policy-ru");
        Assert.All(resources.Where(r => r.Location.Type != "request"), r => Assert.Equal("revisit", r.Location.Type));
        var moved = Assert.Single(resources, r => r.Location.Type == "revisit" && r.Location.TargetUri == site.Page("assets/site.css?v=2").AbsoluteUri);
        Assert.Equal(site.Page("assets/site.css").AbsoluteUri, moved["WARC-Refers-To-Target-URI"]);
        var (verified, report) = await Evidence.EvidenceTests.VerifyAsync(temp.ArchiveDirectory);
        Assert.True(verified == 0, report.ToString());

        var bundle = Path.Combine(temp.Directory, "evidence.zip");
        var result = await Support.Cli.RunAsync(temp, "evidence", "fixturebank/cookie-policy-ru", "--at", DateTimeOffset.UtcNow.ToString("O"), "--out", bundle);
        Assert.True(result.ExitCode == 0, result.Error);
        using var zip = ZipFile.OpenRead(bundle);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith("warc/capture.warc.gz", StringComparison.Ordinal));
        using var buffer = new MemoryStream();
        using (var stream = entry.Open()) stream.CopyTo(buffer);
        var records = WarcReader.ReadAllFrom(buffer.ToArray(), "capture.warc.gz");

        foreach (var resource in resources)
            Assert.Contains(records, r => r.RecordId == resource.Record.RecordId);
        Assert.All(records.Where(r => r.Type == "revisit"), r => Assert.Contains(records, o => o.Type == "response" && o.RecordId == r["WARC-Refers-To"]));
        var font = Assert.Single(records, r => r.Type == "response" && r["WARC-Target-URI"] == new Uri(site.CdnUrl, "fixture-serif.ttf").AbsoluteUri);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(ReplaySite.Root, "cdn", "fixture-serif.ttf")), WarcReader.HttpPayload(font.Block).ToArray());
    }
}
