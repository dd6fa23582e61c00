using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Capture;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Tests.Evidence;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Capture;

/// <summary>
/// What a rendered page loads is WARC evidence: a request and a response per stylesheet, font,
/// image and fetched data, concurrent to the page, written once and then as revisits. On the
/// storage the test run is configured with (embedded or distributed).
/// </summary>
public sealed class SubresourceRecordingTests
{
    private const string Company = "fixturebank";

    private static readonly Dictionary<string, string> Pages = new()
    {
        ["privacy-policy-ru"] = "index.html",
        ["terms-of-service-ru"] = "terms.html",
        ["public-offer-ru"] = "scripted.html",
        ["cookie-policy-ru"] = "cookies.html",
    };

    /// <summary>What the site's static pages load, relative to the site or (cdn/) to the CDN.</summary>
    private static readonly string[] StaticResources = ["assets/site.css", "assets/layout.css", "images/logo.png", "images/header.png", "cdn/seal.png", "cdn/fixture-serif.ttf"];

    /// <summary>A record of the archive, read back from its WARC file by the catalog's pointer.</summary>
    internal sealed record Read(WarcRecordLocation Location, WarcRecord Record)
    {
        public string? this[string name] => Record[name];
        public byte[] Payload => WarcReader.HttpPayload(Record.Block).ToArray();
    }

    [Fact]
    public async Task A_rendered_page_records_a_request_and_a_response_for_every_resource_it_loads()
    {
        await using var site = await ReplaySite.StartAsync();
        using var temp = await ArchiveOf(site);
        await CaptureAsync(temp, Options(), "privacy-policy-ru", "public-offer-ru");

        var (page, resources) = await PageAndResourcesAsync(temp, "privacy-policy-ru");
        var responses = resources.Where(r => r.Location.Type is "response" or "revisit").ToList();
        Assert.Equal(StaticResources.Select(r => Url(site, r)).Order(), responses.Select(r => r.Location.TargetUri).Distinct().Order());
        Assert.All(resources, r => Assert.Equal(WarcRecordLocation.SubresourceRole, r.Location.Role));
        for (var i = 0; i < resources.Count; i += 2)
        {
            var (request, response) = (resources[i], resources[i + 1]);
            Assert.Equal("request", request.Location.Type);
            Assert.Equal(response.Record.RecordId, request["WARC-Concurrent-To"]);
            Assert.Equal(page.Record.RecordId, response["WARC-Concurrent-To"]);
            Assert.Equal(request.Location.TargetUri, response.Location.TargetUri);
        }
        // The exact bytes served: the font from the other origin, the stylesheet as the site rewrote it.
        var font = Single(responses, Url(site, "cdn/fixture-serif.ttf"));
        Assert.Equal("response", font.Location.Type);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(ReplaySite.Root, "cdn", "fixture-serif.ttf")), font.Payload);
        Assert.Contains($"{site.CdnUrl.AbsoluteUri.TrimEnd('/')}/fixture-serif.ttf", Encoding.UTF8.GetString(Single(responses, Url(site, "assets/site.css")).Payload));
        var logoRequest = Encoding.UTF8.GetString(resources.First(r => r.Location.Type == "request" && r.Location.TargetUri == Url(site, "images/logo.png")).Record.Block);
        Assert.StartsWith("GET /images/logo.png HTTP/1.1\r\n", logoRequest);
        Assert.Contains($"referer: {site.Page("index.html")}", logoRequest);

        // The script-built page: the data its script fetched over XHR is recorded with the page.
        var (scripted, scriptedResources) = await PageAndResourcesAsync(temp, "public-offer-ru");
        var data = Single(scriptedResources, site.Page("api/policy.json").AbsoluteUri);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(ReplaySite.Root, "api", "policy.json")), data.Payload);
        Assert.Equal(scripted.Record.RecordId, data["WARC-Concurrent-To"]);
        Assert.Contains(scriptedResources, r => r.Location.TargetUri == site.Page("assets/app.js").AbsoluteUri);

        // warcio, an independent reader, finds the same records, links and payloads in the file.
        var file = Path.Combine(temp.Directory, "read.warc.gz");
        await File.WriteAllBytesAsync(file, await temp.Archive.WarcStore.ReadAsync(font.Location.File, 0, (await temp.Archive.WarcStore.LengthAsync(font.Location.File))!.Value));
        var warcio = (await WarcTests.WarcioAsync(file)).ToDictionary(r => r.GetProperty("recordId").GetString()!);
        foreach (var r in resources.Where(r => r.Location.File == font.Location.File))
        {
            var seen = warcio[r.Record.RecordId];
            Assert.Equal(r.Location.TargetUri, seen.GetProperty("targetUri").GetString());
            Assert.Equal(r["WARC-Concurrent-To"], seen.GetProperty("concurrentTo").GetString());
            if (r.Location.Type == "response") Assert.Equal(r.Location.PayloadDigest, seen.GetProperty("payloadSha256").GetString());
        }
    }

    [Fact]
    public async Task A_scripts_post_goes_with_its_body_its_cookie_comes_back_and_a_redirected_stylesheet_is_recorded_hop_by_hop()
    {
        var (app, baseUrl) = await LoopbackServer.StartAsync(a =>
        {
            a.MapGet("/", () => Results.Content(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "subresources", "posting.html")), "text/html; charset=utf-8"));
            a.MapGet("/old.css", () => Results.Redirect("/new.css", permanent: true));
            a.MapGet("/new.css", () => Results.Text("body { color: #123; }", "text/css"));
            a.MapPost("/api/echo", async (HttpContext http) =>
            {
                var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
                http.Response.Cookies.Append("seen", "1");
                return Results.Text($"posted: {body}");
            });
            a.MapGet("/api/whoami", (HttpContext http) => Results.Text($"cookie: {http.Request.Headers.Cookie}"));
        });
        await using var _ = app;
        using var temp = await TempArchive.CreateAsync($$"""
            { "companies": [ { "id": "shop", "name": "Fixture Shop", "sector": "retail", "homepage": "{{baseUrl}}", "documents": [ { "id": "data-processing-consent-en", "type": "data-processing-consent", "language": "en", "url": "{{baseUrl}}" } ] } ] }
            """, testStorage: true);
        var options = Options();
        await using (var chromium = new ChromiumBrowser(options))
            await temp.Archivist(chromium, options).CaptureRoundAsync(temp.Targets.Documents.ToList(), CancellationToken.None);

        var observation = Assert.Single(await temp.Archive.Catalog.GetObservationsAsync("shop/data-processing-consent-en"));
        var snapshot = (await temp.Archive.Catalog.GetSnapshotAsync(observation.Id))!;
        var dom = Encoding.UTF8.GetString(await temp.Archive.Blobs.GetAsync(snapshot.DomSha256!));
        Assert.Contains("posted: consent=yes", dom);
        Assert.Contains("cookie: seen=1", dom);

        var records = new List<(WarcRecordLocation Location, WarcRecord Record)>();
        foreach (var l in (await temp.Archive.Catalog.GetWarcRecordsAsync(observation.Id)).Where(l => l.Role == WarcRecordLocation.SubresourceRole))
            records.Add((l, WarcReader.ReadMember(await temp.Archive.WarcStore.ReadAsync(l.File, l.Offset, l.Length), l.File)));
        var post = Encoding.UTF8.GetString(records.Single(r => r.Location.Type == "request" && r.Location.TargetUri.EndsWith("/api/echo", StringComparison.Ordinal)).Record.Block);
        Assert.StartsWith("POST /api/echo HTTP/1.1\r\n", post);
        Assert.EndsWith("\r\n\r\nconsent=yes", post);
        var whoami = Encoding.UTF8.GetString(records.Single(r => r.Location.Type == "request" && r.Location.TargetUri.EndsWith("/api/whoami", StringComparison.Ordinal)).Record.Block);
        Assert.Contains("cookie: seen=1\r\n", whoami);
        var stylesheet = records.Where(r => r.Location.Type == "response").Select(r => (r.Location.TargetUri[baseUrl.AbsoluteUri.Length..], Encoding.ASCII.GetString(r.Record.Block)[..12])).ToList();
        Assert.Contains(("old.css", "HTTP/1.1 301"), stylesheet);
        Assert.Contains(("new.css", "HTTP/1.1 200"), stylesheet);
    }

    [Fact]
    public async Task Resources_shared_by_a_second_document_and_a_second_capture_are_revisits_not_bodies()
    {
        await using var site = await ReplaySite.StartAsync();
        using var temp = await ArchiveOf(site);
        await CaptureAsync(temp, Options(), "privacy-policy-ru");
        await CaptureAsync(temp, Options(), "terms-of-service-ru");
        var again = Options();
        again.AlwaysRender = true; // an unchanged page would be kept as served, without a render
        await CaptureAsync(temp, again, "privacy-policy-ru");

        var (_, first) = await PageAndResourcesAsync(temp, "privacy-policy-ru", 0);
        var (_, second) = await PageAndResourcesAsync(temp, "terms-of-service-ru");
        var (_, third) = await PageAndResourcesAsync(temp, "privacy-policy-ru", 1);
        Assert.All(Responses(first), r => Assert.Equal("response", r.Location.Type));
        foreach (var later in new[] { second, third })
        {
            Assert.Equal(StaticResources.Length, Responses(later).Count());
            Assert.All(Responses(later), r =>
            {
                Assert.Equal("revisit", r.Location.Type);
                var original = Single(Responses(first), r.Location.TargetUri);
                Assert.Equal(original.Record.RecordId, r["WARC-Refers-To"]);
                Assert.Equal(original.Location.PayloadDigest, r["WARC-Payload-Digest"]);
            });
        }
        // The archive grows by the records' heads, not by the font and images again.
        var firstBytes = first.Sum(r => r.Location.Length);
        Assert.True(firstBytes > 100_000, $"the first page's resources took {firstBytes} bytes");
        foreach (var later in new[] { second, third })
            Assert.True(later.Sum(r => r.Location.Length) * 10 < firstBytes, $"{later.Sum(r => r.Location.Length)} bytes of revisits against {firstBytes}");
    }

    [Fact]
    public async Task A_resource_over_the_caps_is_kept_up_to_the_cap_marked_truncated_and_named_in_the_detail()
    {
        await using var site = await ReplaySite.StartAsync();
        using var temp = await ArchiveOf(site);

        var bad = await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--max-resource-mb", "0");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--max-resource-mb", bad.Error);

        // The font (356 KB) is over a per-resource cap of 0.05 MB; the header image (33 KB) is not.
        var run = await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--allow-network", "127.0.0.0/8", "--no-confirm", "--only", $"{Company}/privacy-policy-ru", "--max-resource-mb", "0.05");
        Assert.True(run.ExitCode == 0, run.Error);
        var (observation, resources) = await ObservationAndResourcesAsync(temp, "privacy-policy-ru", 0);
        var fontUrl = Url(site, "cdn/fixture-serif.ttf");
        Assert.Contains($"1 page resource(s) truncated at the cap (first: {fontUrl})", observation.Detail);
        var font = Single(Responses(resources), fontUrl);
        Assert.Equal("length", font["WARC-Truncated"]);
        Assert.Equal(52428, font.Payload.Length);
        Assert.Null(Single(Responses(resources), Url(site, "images/header.png"))["WARC-Truncated"]);

        // All of the page's resources together under 0.1 MB: what comes after the budget is spent is cut.
        run = await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--allow-network", "127.0.0.0/8", "--no-confirm", "--only", $"{Company}/terms-of-service-ru", "--max-page-resources-mb", "0.1");
        Assert.True(run.ExitCode == 0, run.Error);
        (observation, resources) = await ObservationAndResourcesAsync(temp, "terms-of-service-ru", 0);
        Assert.Contains("page resource(s) truncated at the cap (first: ", observation.Detail);
        Assert.Equal("length", Single(Responses(resources), fontUrl)["WARC-Truncated"]);
        Assert.True(Responses(resources).Sum(r => r.Payload.Length) <= 104857, $"{Responses(resources).Sum(r => r.Payload.Length)} bytes kept");
    }

    [Fact]
    public async Task Verify_accepts_the_resources_and_names_the_file_of_a_damaged_one()
    {
        await using var site = await ReplaySite.StartAsync();
        using var temp = await ArchiveOf(site, embedded: true);
        await CaptureAsync(temp, Options(), "privacy-policy-ru", "terms-of-service-ru");
        var (code, report) = await EvidenceTests.VerifyAsync(temp.ArchiveDirectory);
        Assert.True(code == 0, report.ToString());

        var (_, resources) = await PageAndResourcesAsync(temp, "privacy-policy-ru");
        var font = Single(Responses(resources), Url(site, "cdn/fixture-serif.ttf"));
        var path = Path.Combine(temp.ArchiveDirectory, font.Location.File);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[font.Location.Offset + font.Location.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);

        (code, report) = await EvidenceTests.VerifyAsync(temp.ArchiveDirectory);
        Assert.NotEqual(0, code);
        Assert.Contains($"{font.Location.File} at offset {font.Location.Offset}", report.ToString());
    }

    /// <summary>The test options, with the CDN's loopback port allowed (the guard lets only the target's own address through by default).</summary>
    internal static CaptureOptions Options()
    {
        var options = ChromiumFixture.Options();
        options.AllowedNetworks.Add("127.0.0.0/8");
        return options;
    }

    private static IEnumerable<Read> Responses(IReadOnlyList<Read> resources) => resources.Where(r => r.Location.Type is "response" or "revisit");

    private static Read Single(IEnumerable<Read> records, string url) =>
        Assert.Single(records, r => r.Location.Type is "response" or "revisit" && r.Location.TargetUri == url);

    private static string Url(ReplaySite site, string resource) =>
        resource.StartsWith("cdn/", StringComparison.Ordinal) ? new Uri(site.CdnUrl, resource[4..]).AbsoluteUri : site.Page(resource).AbsoluteUri;

    internal static async Task<TempArchive> ArchiveOf(ReplaySite site, bool embedded = false)
    {
        var documents = string.Join(",\n", Pages.Select(d =>
            $$"""{ "id": "{{d.Key}}", "type": "{{d.Key[..^3]}}", "language": "ru", "url": "{{site.Page(d.Value)}}" }"""));
        return await TempArchive.CreateAsync($$"""
            { "companies": [ { "id": "{{Company}}", "name": "Fixture Bank", "sector": "banking", "homepage": "{{site.BaseUrl}}", "documents": [ {{documents}} ] } ] }
            """, testStorage: !embedded);
    }

    internal static async Task CaptureAsync(TempArchive temp, CaptureOptions options, params string[] documents)
    {
        await using var chromium = new ChromiumBrowser(options);
        await temp.Archivist(chromium, options).CaptureRoundAsync(documents.Select(d => temp.Targets.Find($"{Company}/{d}")!).ToList(), CancellationToken.None);
    }

    /// <summary>The page's final response and its resources' records, in the order they were written, of the document's latest (or <paramref name="nth"/>) observation.</summary>
    internal static async Task<(Read Page, IReadOnlyList<Read> Resources)> PageAndResourcesAsync(TempArchive temp, string document, int nth = -1)
    {
        var observations = await temp.Archive.Catalog.GetObservationsAsync($"{Company}/{document}");
        var observation = nth < 0 ? observations.MaxBy(o => o.Id)! : observations.OrderBy(o => o.Id).ElementAt(nth);
        Assert.True(observation.Outcome == Outcome.Ok, $"{document}: {observation.Outcome} {observation.Detail}");
        var all = new List<Read>();
        foreach (var l in await temp.Archive.Catalog.GetWarcRecordsAsync(observation.Id))
            all.Add(new Read(l, WarcReader.ReadMember(await temp.Archive.WarcStore.ReadAsync(l.File, l.Offset, l.Length), l.File)));
        var page = all.Last(r => r.Location.Role != WarcRecordLocation.SubresourceRole && r.Location.Type is "response" or "revisit" && r.Location.TargetUri == observation.FinalUrl);
        return (page, all.Where(r => r.Location.Role == WarcRecordLocation.SubresourceRole).ToList());
    }

    private static async Task<(Observation, IReadOnlyList<Read>)> ObservationAndResourcesAsync(TempArchive temp, string document, int nth)
    {
        var observation = (await temp.Archive.Catalog.GetObservationsAsync($"{Company}/{document}")).OrderBy(o => o.Id).ElementAt(nth);
        return (observation, (await PageAndResourcesAsync(temp, document, nth)).Resources);
    }
}
