using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Replay;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Web;
using PolicyArchiver.Web.Memento;
using PolicyArchiver.Web.Replay;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// <c>/replay/{datetime}/{url}</c> over the fixture archive, read as HTTP: the response nearest to the
/// datetime from the archive alone, in its sandbox, and a 404 for what was never captured.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public sealed class ReplayHttpTests(WebArchiveFixture web)
{
    private string Original(string path) => web.Tenant.BaseUrl.AbsoluteUri + path;

    private static string Fourteen(DateTimeOffset t) => MementoDatetime.Fourteen(t);

    /// <summary>The final response record of each ok capture of a document, oldest first.</summary>
    private async Task<List<(Observation Observation, WarcRecordLocation Response)>> CapturesAsync(string document)
    {
        var captures = new List<(Observation, WarcRecordLocation)>();
        foreach (var o in (await web.Temp.Archive.Catalog.GetObservationsAsync(document)).Where(o => o.Outcome == Outcome.Ok).OrderBy(o => o.At))
            captures.Add((o, (await web.Temp.Archive.Catalog.GetWarcRecordsAsync(o.Id)).Last(r => r.Type is "response" or "revisit" && r.Role != WarcRecordLocation.SubresourceRole)));
        return captures;
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? dest = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (dest is not null) request.Headers.TryAddWithoutValidation("Sec-Fetch-Dest", dest);
        return await web.Http.SendAsync(request);
    }

    [Fact]
    public async Task The_capture_nearest_to_the_datetime_is_replayed_including_one_stored_as_a_delta_revisit()
    {
        var captures = await CapturesAsync("testbank/privacy-policy-kk");
        Assert.Equal(2, captures.Count);
        // The second round's page differs from the first only in its noise: the archive keeps it as a delta.
        Assert.Equal("revisit", captures[1].Response.Type);
        var gap = captures[1].Response.Date - captures[0].Response.Date;
        Assert.True(gap > TimeSpan.FromSeconds(2), "the two rounds are seconds apart");

        foreach (var (at, expected) in new[]
                 {
                     (captures[0].Response.Date.AddDays(-1), 0), (captures[0].Response.Date, 0), (captures[0].Response.Date + gap / 2 - TimeSpan.FromSeconds(1), 0),
                     (captures[1].Response.Date, 1), (captures[1].Response.Date.AddDays(1), 1),
                 })
        {
            // A script's fetch of an HTML page gets the archived bytes, not a rewritten page.
            using var response = await GetAsync($"/replay/{Fourteen(at)}/{Original("kk/privacy")}", dest: "empty");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var snapshot = (await web.Temp.Archive.Catalog.GetSnapshotAsync(captures[expected].Observation.Id))!;
            Assert.Equal(await web.Temp.Archive.Blobs.GetAsync(snapshot.BodySha256), await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(MementoDatetime.Rfc1123(captures[expected].Response.Date), response.Headers.GetValues("Memento-Datetime").Single());
        }
    }

    [Fact]
    public async Task A_replayed_page_is_rewritten_sandboxed_in_an_opaque_origin_and_open_to_its_own_fetches()
    {
        var (_, record) = (await CapturesAsync("testbank/public-offer-ru"))[0];
        using var response = await GetAsync($"/replay/{Fourteen(record.Date)}/{Original("spa/offer")}", dest: "document");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("sandbox allow-scripts allow-forms allow-popups allow-modals;", policy);
        Assert.DoesNotContain("allow-same-origin", policy);
        Assert.Contains($"default-src 'unsafe-inline' 'unsafe-eval' data: blob: {web.BaseUrl.GetLeftPart(UriPartial.Authority)}/replay/", policy);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.Contains("Sec-Fetch-Dest", response.Headers.Vary);
        Assert.Equal($"<{Original("spa/offer")}>; rel=\"original\"", response.Headers.GetValues("Link").Single());

        var html = await response.Content.ReadAsStringAsync();
        var stylesheet = $"/replay/{Fourteen(record.Date)}/{web.Tenant.BaseUrl.GetLeftPart(UriPartial.Authority)}/static/css/site.css";
        Assert.Contains($"href=\"{stylesheet}\"", html);
        Assert.Contains("data-replay=", html);
        Assert.Contains("Оферта адресована физическим лицам", html); // the script that builds the text is there, untouched
    }

    [Fact]
    public async Task A_page_in_windows_1251_declared_only_by_its_meta_element_is_replayed_as_utf_8_text()
    {
        var (_, record) = (await CapturesAsync("testbank/user-agreement-ru"))[0];
        using var response = await GetAsync($"/replay/{Fourteen(record.Date)}/{Original("cp1251/terms")}", dest: "iframe");

        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var html = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("<h1>Пользовательское соглашение</h1>", html);
        Assert.DoesNotContain("windows-1251", html, StringComparison.OrdinalIgnoreCase); // its meta says what it is served in now
    }

    [Fact]
    public async Task The_replay_page_of_a_pdf_capture_leads_to_its_snapshot_page()
    {
        var (observation, _) = (await CapturesAsync("testbank/personal-data-policy-kk"))[0];
        var snapshot = $"/companies/testbank/personal-data-policy-kk/snapshots/{observation.Id}";
        Assert.Equal("application/pdf", (await web.Temp.Archive.Catalog.GetSnapshotAsync(observation.Id))!.ContentType);

        using var response = await GetAsync(snapshot + "/replay", dest: "document");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(snapshot, response.Headers.Location?.OriginalString);
        using var page = await GetAsync(snapshot);
        Assert.DoesNotContain("/replay/", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_url_never_captured_is_a_404_of_the_archive_and_nothing_is_fetched_from_the_site()
    {
        using var response = await GetAsync($"/replay/20260101000000/{Original("never/captured.css")}", dest: "style");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("is not in the archive", await response.Content.ReadAsStringAsync());
        Assert.StartsWith("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(0, web.Tenant.Requests("never/captured.css"));
    }

    [Theory]
    [InlineData("/replay/2026/https://bank.kz/", "14 digits")]
    [InlineData("/replay/20260101000000/not-a-url", "absolute http or https URL")]
    public async Task A_bad_datetime_or_url_is_a_400_that_says_which(string path, string expected)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_browser_opening_an_html_memento_gets_the_replay_page_and_programs_still_get_the_bytes()
    {
        var (observation, record) = (await CapturesAsync("testbank/privacy-policy-kk"))[0];
        var memento = $"/memento/{Fourteen(observation.At)}/{Original("kk/privacy")}";

        using var page = await GetAsync(memento, dest: "document");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Sec-Fetch-Dest", page.Headers.Vary);
        Assert.Equal(MementoDatetime.Rfc1123(MementoDatetime.ToSecond(observation.At)), page.Headers.GetValues("Memento-Datetime").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"src=\"/replay/{Fourteen(record.Date)}/{record.TargetUri}\"", html);
        Assert.Contains($"/companies/testbank/privacy-policy-kk/snapshots/{observation.Id}", html);

        using var bytes = await GetAsync(memento);
        var snapshot = (await web.Temp.Archive.Catalog.GetSnapshotAsync(observation.Id))!;
        Assert.Equal(await web.Temp.Archive.Blobs.GetAsync(snapshot.BodySha256), await bytes.Content.ReadAsByteArrayAsync());
        Assert.Contains("Sec-Fetch-Dest", bytes.Headers.Vary);
    }

    [Fact]
    public void Archived_cookies_policies_and_frame_rules_are_kept_for_the_reader_but_take_no_effect()
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton(new PublicAddress(null, false)).BuildServiceProvider() };
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("127.0.0.1", 5080);
        var location = new WarcRecordLocation("<urn:uuid:1>", "response", "subresource", "https://bank.kz/", new DateTimeOffset(2026, 5, 20, 10, 0, 0, TimeSpan.Zero), "w", 0, 1, "d", null);
        var archived = new ArchivedResponse(location, 200,
        [
            new("Content-Type", "text/html; charset=utf-8"), new("Set-Cookie", "session=abc; HttpOnly"), new("Set-Cookie", "lang=ru"),
            new("Content-Security-Policy", "default-src 'self'"), new("Strict-Transport-Security", "max-age=31536000"),
            new("X-Frame-Options", "DENY"), new("Clear-Site-Data", "\"cookies\""), new("Content-Encoding", "gzip"), new("Content-Length", "999"),
            new("X-Archive-Orig-content-encoding", "br"), new("Server", "nginx"), new("Access-Control-Allow-Origin", "https://bank.kz"),
        ], Encoding.UTF8.GetBytes("<p>x</p>"));

        ReplayHeaders.Apply(http, archived, new Uri("https://bank.kz/"));
        var headers = http.Response.Headers;

        Assert.Equal(new[] { "session=abc; HttpOnly", "lang=ru" }, headers["X-Archive-Orig-Set-Cookie"].Select(v => v!).ToArray());
        Assert.False(headers.ContainsKey("Set-Cookie"));
        Assert.Equal("default-src 'self'", headers["X-Archive-Orig-Content-Security-Policy"]);
        Assert.Equal("max-age=31536000", headers["X-Archive-Orig-Strict-Transport-Security"]);
        Assert.Equal("DENY", headers["X-Archive-Orig-X-Frame-Options"]);
        Assert.Equal("\"cookies\"", headers["X-Archive-Orig-Clear-Site-Data"]);
        Assert.False(headers.ContainsKey("Strict-Transport-Security") || headers.ContainsKey("X-Frame-Options") || headers.ContainsKey("Clear-Site-Data"));
        // The stored body is decoded: the transfer's fields are not sent at all, the writer's record of them is.
        Assert.False(headers.ContainsKey("Content-Encoding") || headers.ContainsKey("Content-Length"));
        Assert.Equal("br", headers["X-Archive-Orig-content-encoding"]);
        Assert.Equal("nginx", headers["X-Archive-Orig-Server"]);
        Assert.Equal("*", headers.AccessControlAllowOrigin);
        Assert.Equal("text/html; charset=utf-8", headers.ContentType);
        Assert.Equal("sandbox allow-scripts allow-forms allow-popups allow-modals; default-src 'unsafe-inline' 'unsafe-eval' data: blob: http://127.0.0.1:5080/replay/", headers.ContentSecurityPolicy);
        Assert.Equal("Wed, 20 May 2026 10:00:00 GMT", headers["Memento-Datetime"]);
    }
}
