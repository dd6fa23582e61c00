using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Exporting.Wacz;

/// <summary>
/// The window as a WACZ 1.1.1 package (https://specs.webrecorder.net/wacz/1.1.1/) that replay tools
/// open: the captures' WARC records copied byte for byte into <c>archive/data.warc.gz</c> (each is
/// its own gzip member, so they concatenate), with the earlier responses their revisits refer to,
/// except that a revisit of a delta-stored body becomes the standard response with the whole body
/// (<see cref="DeltaRevisit"/>), which replay tools read;
/// a CDXJ index, a page per capture (titled as the page titled itself), and the data package
/// manifest with every file's hash. Every entry is STORED, so a reader can seek into the WARC by
/// the index's offsets. The package is dated (its entries, its <c>created</c>) by
/// <see cref="ExportPlan.AsOf"/>: the same plan gives the same bytes.
/// </summary>
internal sealed class WaczExport : IExportFormat
{
    public const string WarcPath = "archive/data.warc.gz";
    private const string WarcName = "data.warc.gz";

    /// <summary>Every entry STORED: the WARC must be for random access, and the rest is small.</summary>
    private const CompressionLevel Stored = CompressionLevel.NoCompression;
    private static readonly JsonWriterOptions PageJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "wacz";

    public string Extension => ".wacz";

    /// <summary>WACZ has no registered media type; <c>application/wacz</c> is what webrecorder's tools use.</summary>
    public string ContentType => "application/wacz";

    public string Description => "WACZ 1.1.1 for replay tools";

    public async Task<ExportSummary> WriteAsync(Archive archive, ExportPlan plan, Stream output, IProgress<ExportProgress>? progress, CancellationToken ct)
    {
        var created = plan.AsOf;
        var index = new List<CdxjEntry>();
        var pages = new List<WaczPage>();
        var resources = new List<WaczResource>();
        await using var zip = new StreamingZip(output);
        resources.Add(Resource(await zip.WriteEntryAsync(WarcPath, created, Stored, s => WriteWarcAsync(archive, plan, s, index, pages, progress, ct), ct)));
        index.Sort(CdxjEntry.Compare);
        resources.Add(Resource(await zip.WriteEntryAsync("indexes/index.cdxj", created, Stored, s => WriteLinesAsync(s, index.Select(e => e.Line()), ct), ct)));
        string[] header = [PageLine(w => { w.WriteString("format", "json-pages-1.0"); w.WriteString("id", "pages"); w.WriteString("title", "All Pages"); })];
        resources.Add(Resource(await zip.WriteEntryAsync("pages/pages.jsonl", created, Stored, s => WriteLinesAsync(s, header.Concat(pages.Select(Line)), ct), ct)));
        var manifest = await zip.WriteEntryAsync("datapackage.json", created, Stored, DataPackage.Manifest(plan.Window, created, resources), ct);
        await zip.WriteEntryAsync("datapackage-digest.json", created, Stored, DataPackage.Digest(WarcDigest.Prefix + manifest.Sha256), ct);
        var bytes = await zip.CompleteAsync(ct);
        return new ExportSummary(Name, plan.Captures.Select(c => c.Document.Key).Distinct().Count(), plan.Captures.Count, plan.Snapshots, bytes);
    }

    /// <summary>
    /// The captures' records in capture order, one gzip member in memory at a time; each record is
    /// written once even when several captures need it (a response that many revisits refer to).
    /// </summary>
    private static async Task WriteWarcAsync(Archive archive, ExportPlan plan, Stream warc, List<CdxjEntry> index, List<WaczPage> pages, IProgress<ExportProgress>? progress, CancellationToken ct)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        var done = 0;
        foreach (var capture in plan.Captures.OrderBy(c => c.Observation.At).ThenBy(c => c.Observation.Id))
        {
            var records = (await archive.Catalog.GetWarcRecordsAsync(capture.Observation.Id, ct)).Where(l => l.Role != "warcinfo").ToList();
            foreach (var location in await WithOriginalsAsync(archive, records, ct))
            {
                if (!written.Add(location.RecordId)) continue;
                var member = await DeltaRevisit.StandardMemberAsync(await archive.WarcStore.ReadAsync(location.File, location.Offset, location.Length, ct),
                    location, archive.Blobs.GetAsync, ct);
                var offset = warc.Position;
                await warc.WriteAsync(member, ct);
                var record = WarcReader.Parse(WarcReader.Gunzip(member), $"{location.File} at offset {location.Offset}");
                if (RecordIndex.Of(record, offset, member.Length, WarcName) is { } entry) index.Add(entry);
            }
            // The page is the main document's final response (after redirects), which its resources are concurrent to.
            var main = records.Where(l => l.Role != WarcRecordLocation.SubresourceRole && l.Type is "response" or "revisit").ToList();
            if ((main.FirstOrDefault(l => l.TargetUri == capture.Observation.FinalUrl) ?? main.FirstOrDefault()) is { } final)
            {
                var d = capture.Document;
                var title = await PageTitle.OfAsync(archive, capture.Snapshot, ct) ?? $"{d.CompanyName}: {d.Title ?? d.Id}";
                if (capture.Observation.Outcome != Model.Outcome.Ok) title += $" ({capture.Observation.Outcome.ToWire()})";
                pages.Add(new WaczPage(capture.Observation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), final.TargetUri, Instant.Format(final.Date), title));
            }
            progress?.Report(new ExportProgress(++done, plan.Captures.Count));
        }
    }

    /// <summary>
    /// Each revisit preceded by the earlier response it refers to, without which it cannot be replayed:
    /// a page resource's may be of another URL (the same font loaded by another document's page).
    /// </summary>
    private static async Task<IReadOnlyList<WarcRecordLocation>> WithOriginalsAsync(Archive archive, IReadOnlyList<WarcRecordLocation> records, CancellationToken ct)
    {
        var all = new List<WarcRecordLocation>();
        foreach (var l in records)
        {
            if (l.Type == "revisit" && l.PayloadDigest is { } digest && await archive.Catalog.FindPayloadAsync(digest, l.TargetUri, ct) is { } original)
                all.Add(original);
            all.Add(l);
        }
        return all;
    }

    private static WaczResource Resource(ZipEntryWritten entry) =>
        new(Path.GetFileName(entry.Path), entry.Path, WarcDigest.Prefix + entry.Sha256, entry.Bytes);

    private static async Task WriteLinesAsync(Stream output, IEnumerable<string> lines, CancellationToken ct)
    {
        foreach (var line in lines) await output.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), ct);
    }

    private static string Line(WaczPage page) => PageLine(w =>
    {
        w.WriteString("id", page.Id);
        w.WriteString("url", page.Url);
        w.WriteString("ts", page.Ts);
        w.WriteString("title", page.Title);
    });

    private static string PageLine(Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, PageJson))
        {
            json.WriteStartObject();
            fields(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
