using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// Memento (RFC 7089) over the fixture archive: TimeGate, TimeMap and mementos addressed with the
/// original URL appended as is. Headers are read with a Link parser of the tests' own.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public sealed class MementoTests(WebArchiveFixture web)
{
    /// <summary>A page captured ok in both rounds, at its own URL, by one document only.</summary>
    private const string Kazakh = "testbank/privacy-policy-kk";

    private string Original(string path) => web.Tenant.BaseUrl.AbsoluteUri + path;

    private static string Rfc1123(DateTimeOffset t) => t.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    private static string Fourteen(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    private static DateTimeOffset ToSecond(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private string MementoUrl(DateTimeOffset at, string original) => new Uri(web.BaseUrl, $"/memento/{Fourteen(at)}/{original}").AbsoluteUri;

    /// <summary>The ok captures of one document, as the catalog has them, oldest first.</summary>
    private async Task<List<Observation>> CapturesAsync(string document) =>
        (await web.Temp.Archive.Catalog.GetObservationsAsync(document)).Where(o => o.Outcome == Outcome.Ok).OrderBy(o => o.At).ToList();

    private static IReadOnlyList<LinkValue> Links(HttpResponseMessage response) =>
        LinkValue.Parse(string.Join(", ", response.Headers.GetValues("Link")));

    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptDatetime = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptDatetime is not null) request.Headers.TryAddWithoutValidation("Accept-Datetime", acceptDatetime);
        return await web.Http.SendAsync(request);
    }

    [Fact]
    public async Task Timegate_without_Accept_Datetime_redirects_to_the_latest_memento()
    {
        var captures = await CapturesAsync(Kazakh);
        using var response = await GetAsync("/memento/timegate/" + Original("kk/privacy"));

        Assert.Equal(2, captures.Count);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(MementoUrl(captures[^1].At, Original("kk/privacy")), response.Headers.Location?.AbsoluteUri);
    }

    [Fact]
    public async Task Timegate_redirects_to_the_memento_nearest_to_Accept_Datetime()
    {
        var captures = await CapturesAsync(Kazakh);
        var (first, last) = (ToSecond(captures[0].At), ToSecond(captures[^1].At));
        var original = Original("kk/privacy");

        // The rounds are seconds apart; a quarter of the way from each capture is nearer to it.
        var quarter = TimeSpan.FromSeconds(Math.Floor((last - first).TotalSeconds / 4));
        Assert.True(quarter >= TimeSpan.FromSeconds(1), $"the captures are only {(last - first).TotalSeconds} s apart");
        foreach (var (asked, expected) in new[]
                 {
                     (first + quarter, first), (last - quarter, last), (first.AddDays(-30), first), (last.AddDays(30), last), (first, first), (last, last),
                 })
        {
            using var response = await GetAsync("/memento/timegate/" + original, Rfc1123(asked));
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal(MementoUrl(expected, original), response.Headers.Location?.AbsoluteUri);
        }
    }

    [Fact]
    public async Task Timegate_varies_on_Accept_Datetime_and_links_the_original_and_the_timemap()
    {
        var original = Original("kk/privacy");
        using var response = await GetAsync("/memento/timegate/" + original, "Tue, 20 May 2025 10:00:00 GMT");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Contains("accept-datetime", response.Headers.Vary, StringComparer.OrdinalIgnoreCase);
        var links = Links(response);
        Assert.Equal(original, Assert.Single(links, l => l.Is("original")).Target);
        var timemap = Assert.Single(links, l => l.Is("timemap"));
        Assert.Equal(new Uri(web.BaseUrl, "/memento/timemap/" + original).AbsoluteUri, timemap.Target);
        Assert.Equal("application/link-format", timemap.Parameters["type"]);
    }

    [Fact]
    public async Task Timegate_takes_the_original_with_slashes_merged_by_a_proxy()
    {
        var original = Original("kk/privacy");
        using var intact = await GetAsync("/memento/timegate/" + original);
        using var merged = await GetAsync("/memento/timegate/" + original.Replace("http://", "http:/", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Found, merged.StatusCode);
        Assert.Equal(intact.Headers.Location, merged.Headers.Location);
    }

    [Fact]
    public async Task Timegate_reads_the_query_of_the_original_as_part_of_it()
    {
        // Routing drops the query; were it dropped, ?lang=kk would find the captures of kk/privacy.
        using var response = await GetAsync("/memento/timegate/" + Original("kk/privacy?lang=kk"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(Original("kk/privacy?lang=kk")), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Timegate_answers_HEAD_as_it_answers_GET()
    {
        var path = "/memento/timegate/" + Original("kk/privacy");
        using var get = await GetAsync(path);
        using var head = await web.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.Found, head.StatusCode);
        Assert.Equal(get.Headers.Location, head.Headers.Location);
    }

    [Fact]
    public async Task Timemap_lists_exactly_the_ok_captures_with_their_datetimes()
    {
        var original = Original("kk/privacy");
        var captures = await CapturesAsync(Kazakh);
        using var response = await GetAsync("/memento/timemap/" + original);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/link-format", response.Content.Headers.ContentType?.MediaType);
        var links = LinkValue.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(original, Assert.Single(links, l => l.Is("original")).Target);
        Assert.Equal(new Uri(web.BaseUrl, "/memento/timegate/" + original).AbsoluteUri, Assert.Single(links, l => l.Is("timegate")).Target);
        var self = Assert.Single(links, l => l.Is("self"));
        Assert.Equal(new Uri(web.BaseUrl, "/memento/timemap/" + original).AbsoluteUri, self.Target);
        Assert.Equal(Rfc1123(captures[0].At), self.Parameters["from"]);
        Assert.Equal(Rfc1123(captures[^1].At), self.Parameters["until"]);

        var mementos = links.Where(l => l.Relations.Contains("memento")).ToList();
        Assert.Equal(captures.Select(c => Rfc1123(c.At)), mementos.Select(m => m.Parameters["datetime"]));
        Assert.Equal(captures.Select(c => MementoUrl(c.At, original)), mementos.Select(m => m.Target));
        Assert.True(mementos[0].Is("first", "memento"));
        Assert.True(mementos[^1].Is("last", "memento"));
    }

    [Fact]
    public async Task Timemap_merges_the_captures_of_documents_that_share_a_url()
    {
        // privacy-policy-old redirects to the Russian policy: its captures are mementos of that page too.
        var original = Original("ru/privacy");
        var captures = (await CapturesAsync("testbank/privacy-policy-ru")).Concat(await CapturesAsync("testbank/privacy-policy-old"))
            .OrderBy(o => o.At).ThenBy(o => o.Id).DistinctBy(o => ToSecond(o.At)).ToList();
        using var response = await GetAsync("/memento/timemap/" + original);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mementos = LinkValue.Parse(await response.Content.ReadAsStringAsync()).Where(l => l.Relations.Contains("memento")).ToList();
        Assert.True(captures.Count >= 3, $"{captures.Count} captures");
        Assert.Equal(captures.Select(c => Rfc1123(c.At)), mementos.Select(m => m.Parameters["datetime"]));
    }

    [Fact]
    public async Task Memento_is_the_archived_bytes_with_its_datetime_sandboxed()
    {
        var original = Original("kk/privacy");
        var capture = (await CapturesAsync(Kazakh))[0];
        var snapshot = (await web.Temp.Archive.Catalog.GetSnapshotAsync(capture.Id))!;
        using var response = await GetAsync(new Uri(MementoUrl(capture.At, original)).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await web.Temp.Archive.Blobs.GetAsync(snapshot.BodySha256), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Rfc1123(capture.At), Assert.Single(response.Headers.GetValues("Memento-Datetime")));
        Assert.Equal("sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
    }

    [Fact]
    public async Task Memento_of_a_windows_1251_page_says_its_charset()
    {
        var original = Original("cp1251/terms");
        var capture = (await CapturesAsync("testbank/user-agreement-ru"))[0];
        using var response = await GetAsync(new Uri(MementoUrl(capture.At, original)).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("windows-1251", response.Content.Headers.ContentType?.CharSet);
    }

    [Fact]
    public async Task Memento_links_original_timegate_timemap_and_its_neighbours()
    {
        var original = Original("ru/privacy");
        using var timemap = await GetAsync("/memento/timemap/" + original);
        var mementos = LinkValue.Parse(await timemap.Content.ReadAsStringAsync()).Where(l => l.Relations.Contains("memento")).ToList();
        Assert.True(mementos.Count >= 3, $"{mementos.Count} mementos");
        var second = mementos[1];

        using var response = await GetAsync(new Uri(second.Target).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var links = Links(response);
        Assert.Equal(original, Assert.Single(links, l => l.Is("original")).Target);
        Assert.Equal(new Uri(web.BaseUrl, "/memento/timegate/" + original).AbsoluteUri, Assert.Single(links, l => l.Is("timegate")).Target);
        Assert.Equal(new Uri(web.BaseUrl, "/memento/timemap/" + original).AbsoluteUri, Assert.Single(links, l => l.Is("timemap")).Target);
        Assert.Equal(mementos[0].Target, Assert.Single(links, l => l.Is("first", "prev", "memento")).Target);
        var next = Assert.Single(links, l => l.Relations.Contains("next"));
        Assert.Equal(mementos[2].Target, next.Target);
        Assert.Equal(mementos[2].Parameters["datetime"], next.Parameters["datetime"]);
        Assert.Equal(mementos[^1].Target, Assert.Single(links, l => l.Relations.Contains("last")).Target);
        Assert.DoesNotContain(links, l => l.Target == second.Target);
    }

    [Fact]
    public async Task Memento_datetime_without_a_capture_redirects_to_the_nearest_memento()
    {
        var original = Original("kk/privacy");
        var first = (await CapturesAsync(Kazakh))[0];
        using var response = await GetAsync($"/memento/{Fourteen(first.At.AddDays(-1))}/{original}");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(MementoUrl(first.At, original), response.Headers.Location?.AbsoluteUri);
    }

    [Theory]
    [InlineData("/memento/timegate/")]
    [InlineData("/memento/timemap/")]
    [InlineData("/memento/20250520100000/")]
    public async Task Url_never_captured_ok_is_not_found(string endpoint)
    {
        foreach (var original in new[] { "http://127.0.0.1:9/never/archived", Original("gone"), Original("down") })
        {
            using var response = await GetAsync(endpoint + original);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{endpoint}{original}: {response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("20 May 2025")]
    [InlineData("2025-05-20T10:00:00Z")]
    [InlineData("Tue, 20 May 2025 10:00:00 +0600")]
    [InlineData("Tue, 32 May 2025 10:00:00 GMT")]
    public async Task Malformed_Accept_Datetime_is_a_bad_request_with_the_reason(string acceptDatetime)
    {
        using var response = await GetAsync("/memento/timegate/" + Original("kk/privacy"), acceptDatetime);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Accept-Datetime", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("2025052010")]
    [InlineData("20251320100000")]
    [InlineData("2025052010000x")]
    [InlineData("202505201000000")]
    public async Task Memento_with_a_bad_datetime_is_a_bad_request(string datetime)
    {
        using var response = await GetAsync($"/memento/{datetime}/{Original("kk/privacy")}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(datetime, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/memento/timegate/..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/memento/timegate/..%2f..%2fetc/passwd")]
    [InlineData("/memento/timemap/..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/memento/20250520100000/..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/memento/timegate/file:///etc/passwd")]
    [InlineData("/memento/timegate/../../../etc/passwd")]
    [InlineData("/memento/20250520100000/../../../../etc/passwd")]
    [InlineData("/memento/timegate/http://127.0.0.1/../../../etc/passwd")]
    public async Task Path_traversal_gives_not_found_or_bad_request_never_a_file(string target)
    {
        var (status, body) = await RawGetAsync(target);

        Assert.True(status is 400 or 404, $"{target}: {status}");
        Assert.DoesNotContain("root:", body);
    }

    /// <summary>
    /// A request sent byte for byte as written: HttpClient would resolve <c>../</c> before sending,
    /// which is not what an attacker's client does.
    /// </summary>
    private async Task<(int Status, string Body)> RawGetAsync(string target)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(web.BaseUrl.Host, web.BaseUrl.Port);
        await using var stream = client.GetStream();
        var request = $"GET {target} HTTP/1.1\r\nHost: {web.BaseUrl.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ', 3)[1], CultureInfo.InvariantCulture);
        return (status, response);
    }
}
