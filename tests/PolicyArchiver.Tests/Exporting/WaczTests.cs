using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Exporting.Wacz;
using PolicyArchiver.Tests.Evidence;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Exporting;

/// <summary>
/// <c>--format wacz</c>: a WACZ 1.1.1 package a replay tool can open — its WARC read by the
/// independent warcio reader, its CDXJ index pointing at the right records, its data package
/// hashes true, its entries stored for random access.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public class WaczTests(WebArchiveFixture web)
{
    private sealed record Package(string File, ZipArchive Zip, IReadOnlyList<JsonElement> Records, string Warc) : IDisposable
    {
        public void Dispose() => Zip.Dispose();
    }

    private async Task<Package> ExportAsync(params string[] window)
    {
        var run = await ExportRun.RunAsync(web, ".wacz", [.. window, "--format", "wacz"]);
        Assert.True(run.Result.ExitCode == 0, run.Result.Error);
        var zip = ZipFile.OpenRead(run.File);
        var warc = Path.Combine(Path.GetDirectoryName(run.File)!, "data.warc.gz");
        await File.WriteAllBytesAsync(warc, ExportRun.Entry(zip, "archive/data.warc.gz"));
        return new Package(run.File, zip, await WarcTests.WarcioAsync(warc), warc);
    }

    private async Task<Package> ExportWholeWindowAsync()
    {
        var (from, to) = await ExportRun.WholeWindowAsync(web);
        return await ExportAsync("--from", from, "--to", to);
    }

    private static string Type(JsonElement record) => record.GetProperty("type").GetString()!;

    [Fact]
    public async Task Warcio_reads_every_record_of_every_capture_in_the_window()
    {
        using var package = await ExportWholeWindowAsync();

        var catalog = web.Temp.Archive.Catalog;
        var expected = new HashSet<string>();
        foreach (var o in await ExportRun.ObservationsAsync(web))
            expected.UnionWith((await catalog.GetWarcRecordsAsync(o.Id)).Where(l => l.Role != "warcinfo").Select(l => l.RecordId));
        var ids = package.Records.Select(r => r.GetProperty("recordId").GetString()!).ToList();
        Assert.Equal(expected.Order(), ids.Order());
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var type in new[] { "request", "response", "revisit", "resource" }) Assert.Contains(package.Records, r => Type(r) == type);
        Assert.All(package.Records.Where(r => Type(r) == "response"), r => Assert.Equal(r.GetProperty("payloadDigest").GetString(), r.GetProperty("payloadSha256").GetString()));
    }

    [Fact]
    public async Task A_revisit_comes_with_the_response_it_refers_to_even_from_before_the_window()
    {
        var observations = await ExportRun.ObservationsAsync(web);
        var from = observations.GroupBy(o => o.Document).Max(g => g.Min(o => o.At)).AddTicks(1);
        using var package = await ExportAsync("--from", from.ToString("o", CultureInfo.InvariantCulture), "--to", observations.Max(o => o.At).AddDays(1).ToString("yyyy-MM-dd"));

        var revisits = package.Records.Where(r => Type(r) == "revisit").ToList();
        Assert.NotEmpty(revisits);
        var responses = package.Records.Where(r => Type(r) == "response").ToDictionary(r => r.GetProperty("recordId").GetString()!);
        foreach (var revisit in revisits)
        {
            Assert.True(responses.TryGetValue(revisit.GetProperty("refersTo").GetString()!, out var original), $"no response {revisit.GetProperty("refersTo")} for the revisit of {revisit.GetProperty("targetUri")}");
            Assert.Equal(revisit.GetProperty("payloadDigest").GetString(), original.GetProperty("payloadDigest").GetString());
        }
    }

    [Fact]
    public async Task Each_index_line_lands_on_its_record_and_the_index_is_sorted()
    {
        using var package = await ExportWholeWindowAsync();

        var lines = Encoding.UTF8.GetString(ExportRun.Entry(package.Zip, "indexes/index.cdxj")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.OrderBy(l => l.Split(' ')[0] + " " + l.Split(' ')[1], StringComparer.Ordinal), lines);
        var byOffset = package.Records.ToDictionary(r => r.GetProperty("offset").GetInt64());
        foreach (var line in lines)
        {
            var parts = line.Split(' ', 3);
            var json = JsonDocument.Parse(parts[2]).RootElement;
            var url = json.GetProperty("url").GetString()!;
            Assert.Equal(Surt.Key(url), parts[0]);
            Assert.Matches("^[0-9]{14}$", parts[1]);
            Assert.Equal("data.warc.gz", json.GetProperty("filename").GetString());
            var record = byOffset[long.Parse(json.GetProperty("offset").GetString()!, CultureInfo.InvariantCulture)];
            Assert.Equal(record.GetProperty("length").GetInt64(), long.Parse(json.GetProperty("length").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(url, record.GetProperty("targetUri").GetString());
            Assert.Equal(json.GetProperty("mime").GetString() == "warc/revisit" ? "revisit" : Type(record) == "resource" ? "resource" : "response", Type(record));
            if (Type(record) != "resource") Assert.Equal(record.GetProperty("httpStatus").GetInt32().ToString(CultureInfo.InvariantCulture), json.GetProperty("status").GetString());
            Assert.Equal(record.GetProperty("payloadDigest").GetString() ?? record.GetProperty("blockDigest").GetString(), json.GetProperty("digest").GetString());
        }
        Assert.Equal(package.Records.Count(r => Type(r) is "response" or "revisit" or "resource"), lines.Length);
        // The fixture site is on a loopback address: an IP address is keyed as it is, not reversed.
        Assert.Contains(lines, l => l.StartsWith("127.0.0.1:", StringComparison.Ordinal) && JsonDocument.Parse(l.Split(' ', 3)[2]).RootElement.GetProperty("mime").GetString() == "text/html");
    }

    [Fact]
    public async Task Pages_list_one_entry_point_per_capture_that_has_a_response()
    {
        using var package = await ExportWholeWindowAsync();

        var lines = Encoding.UTF8.GetString(ExportRun.Entry(package.Zip, "pages/pages.jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(("json-pages-1.0", "pages", "All Pages"), (header.GetProperty("format").GetString(), header.GetProperty("id").GetString(), header.GetProperty("title").GetString()));
        var catalog = web.Temp.Archive.Catalog;
        var withResponse = new List<long>();
        foreach (var o in await ExportRun.ObservationsAsync(web))
            if ((await catalog.GetWarcRecordsAsync(o.Id)).Any(l => l.Type is "response" or "revisit")) withResponse.Add(o.Id);
        var pages = lines.Skip(1).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(withResponse.Order(), pages.Select(p => long.Parse(p.GetProperty("id").GetString()!, CultureInfo.InvariantCulture)).Order());
        var indexed = package.Records.Where(r => Type(r) is "response" or "revisit").Select(r => r.GetProperty("targetUri").GetString()).ToHashSet();
        Assert.All(pages, p =>
        {
            Assert.Contains(p.GetProperty("url").GetString(), indexed);
            Assert.Matches(ShownInstants.Format(), p.GetProperty("ts").GetString());
            Assert.False(string.IsNullOrEmpty(p.GetProperty("title").GetString()));
        });
    }

    [Fact]
    public async Task The_data_package_lists_every_file_with_its_true_hash_and_size()
    {
        using var package = await ExportWholeWindowAsync();

        var manifestBytes = ExportRun.Entry(package.Zip, "datapackage.json");
        var manifest = JsonDocument.Parse(manifestBytes).RootElement;
        Assert.Equal("data-package", manifest.GetProperty("profile").GetString());
        Assert.Equal("1.1.1", manifest.GetProperty("wacz_version").GetString());
        Assert.Matches(ShownInstants.Format(), manifest.GetProperty("created").GetString());
        Assert.StartsWith("PolicyArchiver", manifest.GetProperty("software").GetString());
        var resources = manifest.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(["archive/data.warc.gz", "indexes/index.cdxj", "pages/pages.jsonl"], resources.Select(r => r.GetProperty("path").GetString()!).Order());
        foreach (var resource in resources)
        {
            var bytes = ExportRun.Entry(package.Zip, resource.GetProperty("path").GetString()!);
            Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), resource.GetProperty("hash").GetString());
            Assert.Equal(bytes.Length, resource.GetProperty("bytes").GetInt64());
            Assert.Equal(Path.GetFileName(resource.GetProperty("path").GetString()), resource.GetProperty("name").GetString());
        }
        var digest = JsonDocument.Parse(ExportRun.Entry(package.Zip, "datapackage-digest.json")).RootElement;
        Assert.Equal("datapackage.json", digest.GetProperty("path").GetString());
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifestBytes)), digest.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Every_entry_is_stored_uncompressed_for_random_access()
    {
        using var package = await ExportWholeWindowAsync();

        var methods = CentralDirectory(await File.ReadAllBytesAsync(package.File));
        Assert.Equal(["archive/data.warc.gz", "datapackage-digest.json", "datapackage.json", "indexes/index.cdxj", "pages/pages.jsonl"], methods.Keys.Order());
        Assert.All(methods, m => Assert.True(m.Value == 0, $"{m.Key} has compression method {m.Value}, not 0 (STORED)"));
        Assert.All(package.Zip.Entries, e => Assert.Equal(e.Length, e.CompressedLength));
    }

    [Fact]
    public async Task The_web_serves_the_wacz_as_a_download()
    {
        var (from, to) = await ExportRun.WholeWindowAsync(web);
        using var response = await web.Http.GetAsync($"export?from={from}&to={to}&only=testbank%2Fprivacy-policy-ru&format=wacz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/wacz", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"policyarchiver-{from}-{to}-testbank-privacy-policy-ru.wacz", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var warc = WarcReader.ReadAllFrom(ExportRun.Entry(zip, "archive/data.warc.gz"), "downloaded data.warc.gz");
        var uri = web.Temp.Targets.Find("testbank/privacy-policy-ru")!.Url.AbsoluteUri;
        Assert.Contains(warc, r => r.Type is "response" && r["WARC-Target-URI"] == uri);
        // Only the document's exchanges, and the resources its rendered pages loaded (concurrent to a page's response).
        Assert.All(warc.Where(r => r.Type is "response" or "revisit" && r["WARC-Target-URI"] != uri), r => Assert.NotNull(r["WARC-Concurrent-To"]));
        Assert.All(warc.Where(r => r.Type is "response" or "revisit" && r["WARC-Target-URI"] == uri), r => Assert.Null(r["WARC-Concurrent-To"]));
    }

    /// <summary>Each entry's compression method, read from the ZIP's central directory by hand (0 is STORED).</summary>
    private static Dictionary<string, int> CentralDirectory(byte[] zip)
    {
        var end = zip.Length - 22;
        while (end >= 0 && BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end)) != 0x06054b50) end--;
        Assert.True(end >= 0, "no end of central directory record");
        var count = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(end + 10));
        var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 16));
        var methods = new Dictionary<string, int>();
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(0x02014b50u, BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(offset)));
            var method = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(offset + 10));
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(offset + 28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(offset + 30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(offset + 32));
            methods[Encoding.UTF8.GetString(zip, offset + 46, nameLength)] = method;
            offset += 46 + nameLength + extraLength + commentLength;
        }
        return methods;
    }
}
