using System.Text;
using System.Text.Json;
using PolicyArchiver.Capture;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage.FileSystem;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Evidence;

public class WarcTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));

    internal static ServedResponse Served(string body, int status = 200) => new(
        "https://bank.kz/ru/privacy", DateTimeOffset.UtcNow, new Dictionary<string, string> { ["accept-language"] = "ru-RU" }, status,
        [new("Content-Type", "text/html; charset=utf-8"), new("Content-Encoding", "gzip"), new("Set-Cookie", "a=1"), new("Set-Cookie", "b=2")],
        Encoding.UTF8.GetBytes(body));

    internal static IReadOnlyList<(WarcRecord, string)> Exchange(ServedResponse served)
    {
        var block = HttpMessages.Response(served);
        var response = new WarcRecord { Block = block }
            .Add("WARC-Type", "response").Add("WARC-Record-ID", WarcRecord.NewRecordId()).Add("WARC-Date", WarcRecord.Date(served.At))
            .Add("WARC-Target-URI", served.Url).Add("Content-Type", "application/http;msgtype=response")
            .Add("WARC-Block-Digest", WarcDigest.Of(block)).Add("WARC-Payload-Digest", WarcDigest.Of(served.Body));
        var requestBlock = HttpMessages.Request(new Uri(served.Url), served.RequestHeaders);
        var request = new WarcRecord { Block = requestBlock }
            .Add("WARC-Type", "request").Add("WARC-Record-ID", WarcRecord.NewRecordId()).Add("WARC-Date", WarcRecord.Date(served.At))
            .Add("WARC-Target-URI", served.Url).Add("WARC-Concurrent-To", response.RecordId).Add("Content-Type", "application/http;msgtype=request")
            .Add("WARC-Block-Digest", WarcDigest.Of(requestBlock));
        return [(request, "request"), (response, "response")];
    }

    [Fact]
    public async Task Records_read_back_by_offset_exactly_as_written()
    {
        using var writer = new WarcWriter(new FileSystemWarcStore(_dir), TimeProvider.System);
        var served = Served("<html><body><p>5.2. Срок хранения — 3 года.</p></body></html>");
        var locations = await writer.WriteAsync(Exchange(served), CancellationToken.None);

        Assert.Equal(["warcinfo", "request", "response"], locations.Select(l => l.Type));
        Assert.Matches(@"^warc/\d{4}/\d{2}/\d{2}/policyarchiver-.*\.warc\.gz$", locations[0].File);
        Assert.Equal(0, locations[0].Offset);
        Assert.Equal(locations[1].Offset, locations[0].Offset + locations[0].Length);

        var path = Path.Combine(_dir, locations[2].File);
        var response = await WarcReader.ReadAtAsync(path, locations[2].Offset, locations[2].Length);
        Assert.Equal(locations[2].RecordId, response.RecordId);
        Assert.Equal(WarcDigest.Of(response.Block), response["WARC-Block-Digest"]);
        Assert.Equal(served.Body, WarcReader.HttpPayload(response.Block).ToArray());
        var head = Encoding.UTF8.GetString(response.Block).Split("\r\n\r\n")[0];
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", head);
        Assert.Contains("X-Archive-Orig-Content-Encoding: gzip", head); // the stored payload is decoded
        Assert.Contains($"Content-Length: {served.Body.Length}", head);
        Assert.Contains("Set-Cookie: a=1\r\nSet-Cookie: b=2", head);

        var all = WarcReader.ReadAll(path);
        Assert.Equal(locations.Select(l => l.RecordId), all.Select(r => r.RecordId));
        Assert.Equal("application/warc-fields", all[0]["Content-Type"]);
    }

    [Fact]
    public async Task A_new_writer_never_appends_to_an_existing_file()
    {
        string first, second;
        using (var writer = new WarcWriter(new FileSystemWarcStore(_dir), TimeProvider.System)) first = (await writer.WriteAsync(Exchange(Served("a")), CancellationToken.None))[0].File;
        using (var writer = new WarcWriter(new FileSystemWarcStore(_dir), TimeProvider.System)) second = (await writer.WriteAsync(Exchange(Served("b")), CancellationToken.None))[0].File;
        Assert.NotEqual(first, second);
        Assert.Equal(3, WarcReader.ReadAll(Path.Combine(_dir, first)).Count);
    }

    [Fact]
    public async Task Records_the_catalog_did_not_record_stay_at_the_tail_of_their_file()
    {
        using var writer = new WarcWriter(new FileSystemWarcStore(_dir), TimeProvider.System);
        var committed = await writer.WriteAsync(Exchange(Served("a")), CancellationToken.None);
        var abandoned = await writer.WriteAsync(Exchange(Served("b")), CancellationToken.None);
        Assert.Equal(committed[0].File, abandoned[0].File);

        await writer.AbandonAsync(abandoned);
        var next = await writer.WriteAsync(Exchange(Served("c")), CancellationToken.None);

        Assert.NotEqual(abandoned[0].File, next[0].File);
        Assert.Equal(abandoned[^1].RecordId, WarcReader.ReadAll(Path.Combine(_dir, abandoned[0].File))[^1].RecordId);
        // Records of a file the writer has already left behind do not make it leave the current one.
        await writer.AbandonAsync(abandoned);
        Assert.Equal(next[0].File, (await writer.WriteAsync(Exchange(Served("d")), CancellationToken.None))[0].File);
    }

    [Fact]
    public async Task A_cut_off_record_is_detected()
    {
        using var writer = new WarcWriter(new FileSystemWarcStore(_dir), TimeProvider.System);
        var locations = await writer.WriteAsync(Exchange(Served(new string('ж', 5000))), CancellationToken.None);
        var path = Path.Combine(_dir, locations[^1].File);
        var bytes = await File.ReadAllBytesAsync(path);
        var cut = bytes[..(int)(locations[^1].Offset + locations[^1].Length / 2)];
        Assert.Throws<InvalidDataException>(() => WarcReader.ReadAllFrom(cut, "cut"));
    }

    [Fact]
    public async Task A_file_read_as_a_stream_gives_the_records_read_whole_compressed_or_not_and_names_where_it_is_cut()
    {
        using (var writer = new WarcWriter(new FileSystemWarcStore(_dir), TimeProvider.System))
            await writer.WriteAsync([.. Exchange(Served(new string('ж', 70_000))), .. Exchange(Served("<p>Құпиялылық</p>", 404))], CancellationToken.None);
        var path = Directory.GetFiles(_dir, "*.warc.gz", SearchOption.AllDirectories).Single();
        var whole = WarcReader.ReadAll(path);

        var streamed = WarcReader.Stream(path).ToList();
        Assert.Equal(5, streamed.Count);
        Assert.Equal(whole.Select(r => (r.RecordId, WarcDigest.Of(r.Block))), streamed.Select(r => (r.RecordId, WarcDigest.Of(r.Block))));

        // The same records in a plain .warc file.
        var plain = Path.Combine(_dir, "plain.warc");
        await File.WriteAllBytesAsync(plain, WarcReader.Gunzip(await File.ReadAllBytesAsync(path)));
        Assert.Equal(whole.Select(r => r.RecordId), WarcReader.Stream(plain).Select(r => r.RecordId));

        // Cut inside the last record's block: the records before it come, then an error naming the file and where.
        var bytes = await File.ReadAllBytesAsync(plain);
        var cut = Path.Combine(_dir, "cut.warc");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length - 20)]);
        var read = new List<WarcRecord>();
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var record in WarcReader.Stream(cut)) read.Add(record);
        });
        Assert.Equal(4, read.Count);
        Assert.Contains(cut, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public async Task Warcio_reads_what_we_write()
    {
        using var writer = new WarcWriter(new FileSystemWarcStore(_dir), TimeProvider.System);
        var locations = await writer.WriteAsync([.. Exchange(Served("<p>Құпиялылық саясаты</p>")), .. Exchange(Served("<p>Не найдено</p>", 404))], CancellationToken.None);
        var records = await WarcioAsync(Path.Combine(_dir, locations[0].File));

        Assert.Equal(locations.Select(l => (l.RecordId, l.Type, l.Offset, l.Length)),
            records.Select(r => (r.GetProperty("recordId").GetString()!, r.GetProperty("type").GetString()!, r.GetProperty("offset").GetInt64(), r.GetProperty("length").GetInt64())));
        var responses = records.Where(r => r.GetProperty("type").GetString() == "response").ToList();
        Assert.Equal([200, 404], responses.Select(r => r.GetProperty("httpStatus").GetInt32()));
        Assert.All(responses, r => Assert.Equal(r.GetProperty("payloadDigest").GetString(), r.GetProperty("payloadSha256").GetString()));
    }

    /// <summary>What warcio found in a WARC file, one JSON object per record.</summary>
    public static async Task<IReadOnlyList<JsonElement>> WarcioAsync(string file)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "warcio", "read-warc.mjs");
        var result = await Repository.RunAsync("node", AppContext.BaseDirectory, script, Repository.Warcio, file);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
