using System.Text;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Model;
using PolicyArchiver.Replay;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Replay;

/// <summary>
/// What replay reads: the archived response of a URL nearest to an instant, from real WARC records in
/// the archive's own store and catalog (embedded, or PostgreSQL and Azurite in a distributed run).
/// </summary>
public sealed class ArchivedResponsesTests : IAsyncLifetime
{
    private const string Css = "https://bank.kz/static/site.css";
    private const string Copy = "https://cdn.bank.kz/v7/site.css";
    private static readonly DateTimeOffset T1 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddDays(10);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));
    private Archive _archive = null!;

    public async Task InitializeAsync() => _archive = await TestStorage.OpenAsync(_directory);

    public Task DisposeAsync()
    {
        _archive.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_capture_nearest_to_the_instant_is_served_before_and_after_it()
    {
        await CaptureAsync(T1, Response(Css, T1, "body { color: red }"));
        await CaptureAsync(T2, Response(Css, T2, "body { color: blue }"));
        var responses = new ArchivedResponses(_archive);

        Assert.Equal("body { color: red }", await BodyAsync(responses, Css, T1.AddDays(-30)));
        Assert.Equal("body { color: red }", await BodyAsync(responses, Css, T1.AddDays(4)));
        Assert.Equal("body { color: blue }", await BodyAsync(responses, Css, T1.AddDays(6)));
        Assert.Equal("body { color: blue }", await BodyAsync(responses, Css, T2.AddYears(1)));
        var found = (await responses.NearestAsync(new Uri(Css), T2, default))!;
        Assert.Equal(200, found.Status);
        Assert.Equal("text/css", found.ContentType);
        Assert.Equal(T2, found.Record.Date);
    }

    [Fact]
    public async Task A_revisit_is_its_own_head_with_the_body_of_the_response_it_refers_to_even_at_another_url()
    {
        var original = Response(Css, T1, "h1 { font-weight: 700 }");
        await CaptureAsync(T1, original);
        var written = await _archive.Catalog.FindNearestResponseAsync(Css, T1);
        var head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/css; charset=utf-8\r\nSet-Cookie: cdn=1\r\n\r\n");
        var revisit = new WarcRecord { Block = head }
            .Add("WARC-Type", "revisit")
            .Add("WARC-Record-ID", WarcRecord.NewRecordId())
            .Add("WARC-Date", WarcRecord.Date(T2))
            .Add("WARC-Target-URI", Copy)
            .Add("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")
            .Add("WARC-Refers-To", written!.RecordId)
            .Add("WARC-Refers-To-Target-URI", Css)
            .Add("WARC-Refers-To-Date", WarcRecord.Date(T1))
            .Add("Content-Type", "application/http;msgtype=response")
            .Add("WARC-Block-Digest", WarcDigest.Of(head))
            .Add("WARC-Payload-Digest", WarcDigest.Of("h1 { font-weight: 700 }"u8));
        await CaptureAsync(T2, revisit);

        var found = (await new ArchivedResponses(_archive).NearestAsync(new Uri(Copy), T2, default))!;
        Assert.Equal("revisit", found.Record.Type);
        Assert.Equal("h1 { font-weight: 700 }", Encoding.UTF8.GetString(found.Body));
        Assert.Equal("text/css; charset=utf-8", found.ContentType);
        Assert.Equal("cdn=1", found.Header("set-cookie"));
    }

    [Fact]
    public async Task A_url_never_fetched_is_not_found_and_a_cache_busting_query_falls_back_to_the_same_path()
    {
        await CaptureAsync(T1, Response(Css + "?v=123", T1, "p { margin: 0 }"));
        var responses = new ArchivedResponses(_archive);

        Assert.Null(await responses.NearestAsync(new Uri("https://bank.kz/static/other.css"), T1, default));
        Assert.Equal("p { margin: 0 }", await BodyAsync(responses, Css + "?v=456", T1));
        Assert.Equal("p { margin: 0 }", await BodyAsync(responses, Css, T1));
    }

    private static async Task<string?> BodyAsync(ArchivedResponses responses, string url, DateTimeOffset at) =>
        await responses.NearestAsync(new Uri(url), at, default) is { } r ? Encoding.UTF8.GetString(r.Body) : null;

    private static WarcRecord Response(string url, DateTimeOffset at, string css)
    {
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/css\r\nX-Archive-Orig-Content-Encoding: br\r\n\r\n");
        var body = Encoding.UTF8.GetBytes(css);
        return new WarcRecord { Block = [.. head, .. body] }
            .Add("WARC-Type", "response")
            .Add("WARC-Record-ID", WarcRecord.NewRecordId())
            .Add("WARC-Date", WarcRecord.Date(at))
            .Add("WARC-Target-URI", url)
            .Add("Content-Type", "application/http;msgtype=response")
            .Add("WARC-Block-Digest", WarcDigest.Of(head, body))
            .Add("WARC-Payload-Digest", WarcDigest.Of(body));
    }

    /// <summary>Writes the record to the archive's WARC store and records it with an observation of the page that loaded it.</summary>
    private async Task CaptureAsync(DateTimeOffset at, WarcRecord record)
    {
        var written = await _archive.Warc.WriteAsync([(record, "subresource")], default);
        var page = await _archive.Blobs.PutAsync("<p>policy</p>"u8.ToArray());
        var snapshot = new CapturedSnapshot(page, 13, "text/html", "utf-8", 200, "https://bank.kz/privacy", new Dictionary<string, string>(), null, null);
        await _archive.Catalog.RecordAsync(new CaptureRecord("bank/privacy", at, Outcome.Ok, 200, "https://bank.kz/privacy", "https://bank.kz/privacy", null, 1, 10, snapshot, null, written));
    }
}
