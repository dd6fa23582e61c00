using PolicyArchiver.Capture;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Tests.Capture;

/// <summary>
/// Captures of a site that tries to turn the archiver against its own machine
/// (Fixtures/hostile/): what a capture keeps is the target's own page, never an internal service's,
/// and a huge or never-ending response costs bounded time and memory.
/// </summary>
public class HostileSiteTests(HostileFixture hostile) : IClassFixture<HostileFixture>
{
    private const string Company = "steppehostile/";
    private const int Megabyte = 1024 * 1024;

    private async Task<(TempArchive Temp, IReadOnlyList<Observation> Observations)> CaptureAsync(CaptureOptions options, params string[] ids)
    {
        var temp = await TempArchive.CreateAsync(hostile.Site.Targets());
        var documents = ids.Select(id => temp.Targets.Find(Company + id) ?? throw new ArgumentException(id)).ToList();
        return (temp, await temp.Archivist(hostile.Browser, options).CaptureRoundAsync(documents, CancellationToken.None));
    }

    private static async Task<string> LatestTextAsync(TempArchive temp, string id) =>
        await temp.Archive.ReadTextAsync((await temp.Archive.Catalog.GetLatestVersionAsync(Company + id))!);

    /// <summary>The WARC response records of one address, from every WARC file of the archive.</summary>
    private static IReadOnlyList<WarcRecord> Responses(TempArchive temp, string url) =>
        Directory.EnumerateFiles(temp.ArchiveDirectory, "*.warc.gz", SearchOption.AllDirectories)
            .SelectMany(WarcReader.ReadAll)
            .Where(r => r.Type == "response" && r["WARC-Target-URI"] == url)
            .ToList();

    [Fact]
    public async Task A_page_that_sends_itself_to_another_host_once_loaded_is_archived_with_its_own_text_and_the_navigation_named()
    {
        var internalRequests = hostile.Site.InternalRequests; // the tests of a class run one at a time
        var (temp, observations) = await CaptureAsync(ChromiumFixture.Options(), "script-navigation", "meta-refresh");
        using var _ = temp;
        foreach (var o in observations)
        {
            Assert.Equal((Outcome.Ok, true), (o.Outcome, o.NewVersion));
            Assert.Contains($"the page navigated to {hostile.Site.Elsewhere}internal.html after it was served; not followed (a loopback address refused: ", o.Detail);
            var text = await LatestTextAsync(temp, o.Document["steppehostile/".Length..]);
            Assert.Contains("3. Customers may ask for a copy of their data", text);
            Assert.DoesNotContain("INTERNAL", text);
        }
        Assert.Equal(internalRequests, hostile.Site.InternalRequests);
    }

    [Fact]
    public async Task A_redirect_to_another_loopback_address_or_to_another_port_of_the_target_is_refused_and_nothing_of_it_kept()
    {
        var internalRequests = hostile.Site.InternalRequests; // the tests of a class run one at a time
        var (temp, observations) = await CaptureAsync(ChromiumFixture.Options(), "redirect-elsewhere", "redirect-other-port", "redirect-same-site");
        using var _ = temp;
        var refused = new[] { (observations[0], hostile.Site.Elsewhere), (observations[1], hostile.Site.OtherPort) };
        foreach (var (o, to) in refused)
        {
            Assert.Equal((Outcome.HttpError, 302, 1, (string?)null), (o.Outcome, o.HttpStatus, o.Attempts, o.SnapshotSha256));
            Assert.StartsWith($"HTTP 302 redirect to a loopback address refused: {to.GetLeftPart(UriPartial.Authority)} (", o.Detail);
            Assert.Empty(await temp.Archive.Catalog.GetVersionsAsync(o.Document));
        }
        Assert.Equal(internalRequests, hostile.Site.InternalRequests);
        // A redirect within the site is followed as ever.
        Assert.Equal((Outcome.Ok, true), (observations[2].Outcome, observations[2].NewVersion));
    }

    [Fact]
    public async Task Subresources_from_another_loopback_address_are_not_requested_and_the_detail_says_so()
    {
        var internalRequests = hostile.Site.InternalRequests;
        var (temp, observations) = await CaptureAsync(ChromiumFixture.Options(), "internal-subresources");
        using var _ = temp;
        var o = Assert.Single(observations);
        Assert.Equal((Outcome.Ok, true), (o.Outcome, o.NewVersion));
        Assert.Equal($"2 request(s) of the page not made (first: a loopback address refused: {hostile.Site.Elsewhere.GetLeftPart(UriPartial.Authority)} (127.0.0.2))", o.Detail);
        Assert.Equal(internalRequests, hostile.Site.InternalRequests);
    }

    [Fact]
    public async Task A_network_the_operator_allows_is_reached_by_redirects_but_a_page_that_navigates_there_still_stays_itself()
    {
        var options = ChromiumFixture.Options();
        options.AllowedNetworks = ["127.0.0.2/32"];
        var (temp, observations) = await CaptureAsync(options, "redirect-elsewhere", "script-navigation");
        using var _ = temp;
        Assert.Equal((Outcome.Ok, $"{hostile.Site.Elsewhere}internal.html"), (observations[0].Outcome, observations[0].FinalUrl));
        Assert.Equal(Outcome.Ok, observations[1].Outcome);
        Assert.Contains($"the page navigated to {hostile.Site.Elsewhere}internal.html after it was served; not followed (another site)", observations[1].Detail);
        Assert.Contains("3. Customers may ask for a copy of their data", await LatestTextAsync(temp, "script-navigation"));
    }

    /// <summary>
    /// Captures a document under a 1 MB cap: an http-error, not retried, no snapshot, whose WARC
    /// response holds the first megabyte marked truncated.
    /// </summary>
    private async Task<(Observation Observation, byte[] Evidence)> CaptureOverTheCapAsync(string id, int status = 200)
    {
        var options = ChromiumFixture.Options();
        options.MaxBodyBytes = Megabyte;
        var (temp, observations) = await CaptureAsync(options, id);
        using var _ = temp;
        var o = Assert.Single(observations);
        Assert.Equal((Outcome.HttpError, status, 1, (string?)null), (o.Outcome, o.HttpStatus, o.Attempts, o.SnapshotSha256));
        var response = Assert.Single(Responses(temp, o.Url));
        Assert.Equal("length", response["WARC-Truncated"]);
        return (o, WarcReader.HttpPayload(response.Block).ToArray());
    }

    [Fact]
    public async Task A_body_over_the_cap_is_an_http_error_not_retried_whose_first_bytes_are_kept_as_truncated_evidence()
    {
        var (o, evidence) = await CaptureOverTheCapAsync("huge-body");
        Assert.Equal($"body larger than the 1 MB cap; the first {Megabyte} bytes are kept", o.Detail);
        Assert.Equal(Megabyte, evidence.Length);
    }

    [Fact]
    public async Task An_error_page_over_the_cap_is_not_retried_either()
    {
        var (o, evidence) = await CaptureOverTheCapAsync("huge-error", 503);
        Assert.Equal($"body larger than the 1 MB cap; the first {Megabyte} bytes are kept", o.Detail);
        Assert.Equal(Megabyte, evidence.Length);
    }

    [Fact]
    public async Task A_small_gzip_that_expands_beyond_the_cap_is_decoded_only_up_to_the_cap()
    {
        var (o, evidence) = await CaptureOverTheCapAsync("gzip-bomb");
        Assert.Equal($"body expands beyond the 1 MB cap when decoded (content-encoding gzip); the first {Megabyte} decoded bytes are kept", o.Detail);
        Assert.Equal(Megabyte, evidence.Length);
        Assert.StartsWith("<!doctype html>", System.Text.Encoding.UTF8.GetString(evidence[..15]));
    }

    [Fact]
    public async Task A_page_above_the_render_limit_is_kept_as_served_and_its_text_read_from_the_served_bytes()
    {
        var internalRequests = hostile.Site.InternalRequests;
        var options = ChromiumFixture.Options();
        options.MaxRenderBytes = 512;
        var (temp, observations) = await CaptureAsync(options, "internal-subresources");
        using var _ = temp;
        var o = Assert.Single(observations);
        Assert.Equal((Outcome.Ok, true, 1), (o.Outcome, o.NewVersion, o.Attempts));
        var snapshot = (await temp.Archive.Catalog.GetSnapshotAsync(o.Id))!;
        Assert.Equal((string?)null, snapshot.DomSha256);
        Assert.Equal((string?)null, snapshot.ScreenshotSha256);
        Assert.Equal($"not rendered: the body of {snapshot.BodySize} bytes is above the 512 bytes render limit; kept as served", o.Detail);
        Assert.Contains("3. Customers may ask for a copy of their data", await LatestTextAsync(temp, "internal-subresources"));
        // The page was never opened: its subresources were not even asked for.
        Assert.Equal(internalRequests, hostile.Site.InternalRequests);
        var evidence = WarcReader.HttpPayload(Assert.Single(Responses(temp, o.Url)).Block).ToArray();
        Assert.Equal(await temp.Archive.Blobs.GetAsync(snapshot.BodySha256), evidence);
    }

    [Fact]
    public async Task A_body_above_the_extraction_limit_is_kept_whole_in_the_WARC_file_as_an_unreadable_document_without_a_version()
    {
        var options = ChromiumFixture.Options();
        (options.MaxRenderBytes, options.MaxExtractBytes) = (512, 512);
        var (temp, observations) = await CaptureAsync(options, "internal-subresources");
        using var _ = temp;
        var o = Assert.Single(observations);
        Assert.Equal((Outcome.Blocked, 200, 1, (string?)null), (o.Outcome, o.HttpStatus, o.Attempts, o.SnapshotSha256));
        Assert.Empty(await temp.Archive.Catalog.GetVersionsAsync(o.Document));
        var response = Assert.Single(Responses(temp, o.Url));
        Assert.Null(response["WARC-Truncated"]);
        var evidence = WarcReader.HttpPayload(response.Block).ToArray();
        Assert.StartsWith("<!doctype html>", System.Text.Encoding.UTF8.GetString(evidence));
        Assert.Equal($"not rendered: the body of {evidence.Length} bytes is above the 512 bytes render limit; kept as served; " +
                     $"unreadable document: the body of {evidence.Length} bytes is above the 512 bytes extraction limit; kept as served in the WARC file, not extracted", o.Detail);
    }

    [Fact]
    public async Task A_page_whose_image_never_finishes_is_archived_after_the_settle_timeout()
    {
        var options = ChromiumFixture.Options();
        var (temp, observations) = await CaptureAsync(options, "never-ending-image");
        using var _ = temp;
        var o = Assert.Single(observations);
        Assert.Equal((Outcome.Ok, true, 1), (o.Outcome, o.NewVersion, o.Attempts));
        Assert.Contains("2. We keep personal data only as long as the law", await LatestTextAsync(temp, "never-ending-image"));
        Assert.InRange(o.DurationMs, 0, (long)options.NavigationTimeout.TotalMilliseconds);
    }
}
