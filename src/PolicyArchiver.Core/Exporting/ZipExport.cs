using System.IO.Compression;
using PolicyArchiver.Archiving;

namespace PolicyArchiver.Exporting;

/// <summary>
/// The researchers' export: <c>manifest.csv</c> and <c>manifest.jsonl</c> (one row per observation,
/// failures included), then for each capture its raw snapshot, the text of the version in force
/// after it and its screenshot, under <c>company/document/</c>. Written straight to the output,
/// one blob in memory at a time. Each file is dated by its capture, the manifests by
/// <see cref="ExportPlan.AsOf"/>: the same plan gives the same bytes.
/// </summary>
internal sealed class ZipExport : IExportFormat
{
    public string Name => "zip";

    public string Extension => ".zip";

    public string ContentType => "application/zip";

    public string Description => "manifest.csv, manifest.jsonl and the files";

    public async Task<ExportSummary> WriteAsync(Archive archive, ExportPlan plan, Stream output, IProgress<ExportProgress>? progress, CancellationToken ct)
    {
        var rows = plan.Captures.Select(ManifestRow.From).ToList();
        await using var zip = new StreamingZip(output);
        await zip.WriteEntryAsync("manifest.csv", plan.AsOf, CompressionLevel.Optimal, s => ManifestCsv.WriteAsync(s, rows, ct), ct);
        await zip.WriteEntryAsync("manifest.jsonl", plan.AsOf, CompressionLevel.Optimal, s => ManifestJsonl.WriteAsync(s, rows, ct), ct);
        var done = 0;
        foreach (var capture in plan.Captures)
        {
            var at = capture.Observation.At;
            if (capture.Snapshot is { } snapshot)
            {
                await WriteBlobAsync(archive, zip, capture.SnapshotFile, at, snapshot.BodySha256, CompressionLevel.Fastest, ct);
                foreach (var (file, part) in capture.PartFiles.Zip(snapshot.Parts))
                    await WriteBlobAsync(archive, zip, file, at, part.BodySha256, CompressionLevel.Fastest, ct);
                // A screenshot (PDF, PNG or JPEG) is compressed already: deflating it again costs time for nothing.
                if (snapshot.ScreenshotSha256 is { } shot) await WriteBlobAsync(archive, zip, capture.ScreenshotFile, at, shot, CompressionLevel.NoCompression, ct);
            }
            if (capture.Version is { } version) await WriteBlobAsync(archive, zip, capture.TextFile, at, version.TextSha256, CompressionLevel.Optimal, ct);
            progress?.Report(new ExportProgress(++done, plan.Captures.Count));
        }
        var bytes = await zip.CompleteAsync(ct);
        return new ExportSummary(Name, plan.Captures.Select(c => c.Document.Key).Distinct().Count(), plan.Captures.Count, plan.Snapshots, bytes);
    }

    private static async Task WriteBlobAsync(Archive archive, StreamingZip zip, string path, DateTimeOffset at, string sha256, CompressionLevel level, CancellationToken ct) =>
        await zip.WriteEntryAsync(path, at, level, await archive.Blobs.GetAsync(sha256, ct), ct);
}
