using PolicyArchiver.Capture;
using PolicyArchiver.Snapshots;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Exporting;

/// <summary>
/// What an export will contain, worked out from the catalog (of the blobs, only a screenshot's first
/// bytes are read, to name its file by its format): every
/// observation of the selected documents inside the window, failures included, by document key
/// then capture order (the same order whoever lists the documents), with the name of each file it
/// will write. Both formats export from a plan.
/// </summary>
internal sealed record ExportPlan(ExportWindow Window, IReadOnlyList<ExportDocument> Documents, IReadOnlyList<ExportCapture> Captures)
{
    /// <summary>Captures whose raw snapshot is exported.</summary>
    public int Snapshots => Captures.Count(c => c.Snapshot is not null);

    /// <summary>
    /// The instant the export is as of, which dates its own files (the manifests, the WACZ's entries
    /// and <c>created</c>): its newest capture, else the end of its window. Never the clock, so the
    /// same archive and options give the same bytes whenever they are exported. Kept within what a
    /// ZIP entry's date can hold (1980 to 2107).
    /// </summary>
    public DateTimeOffset AsOf
    {
        get
        {
            var at = Captures.Count > 0 ? Captures.Max(c => c.Observation.At) : Window.To;
            return at < FirstZipDate ? FirstZipDate : at > LastZipDate ? LastZipDate : at;
        }
    }

    private static readonly DateTimeOffset FirstZipDate = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LastZipDate = new(2107, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public static async Task<ExportPlan> BuildAsync(ICatalog catalog, IBlobStore blobs, IReadOnlyList<ExportDocument> documents, ExportWindow window, CancellationToken ct)
    {
        var captures = new List<ExportCapture>();
        var archived = (await catalog.GetDocumentsAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var document in documents.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            if (!archived.Contains(document.Key)) continue;
            var observations = (await catalog.GetObservationsAsync(document.Key, ct)).Where(o => window.Contains(o.At)).ToList();
            if (observations.Count == 0) continue;
            var versions = (await catalog.GetVersionsAsync(document.Key, ct)).ToDictionary(v => v.Number);
            var folder = CaptureFiles.Folder(document);
            var stems = new HashSet<string>(StringComparer.Ordinal);
            foreach (var o in observations)
            {
                var stem = $"{folder}/{CaptureFiles.Stem(o.At, stems)}";
                var snapshot = o.Outcome == Outcome.Ok && o.SnapshotSha256 is not null ? await catalog.GetSnapshotAsync(o.Id, ct) : null;
                var version = snapshot is not null && o.Version is { } n ? versions.GetValueOrDefault(n) : null;
                captures.Add(new ExportCapture(document, o, snapshot, version,
                    snapshot is null ? "" : stem + CaptureFiles.SnapshotExtension(snapshot.ContentType),
                    version is null ? "" : stem + ".txt",
                    snapshot?.ScreenshotSha256 is { } shot ? await ScreenshotFileAsync(blobs, stem, shot, ct) : "",
                    snapshot?.Parts.Select((p, i) => $"{stem}.part{i + 2}{CaptureFiles.SnapshotExtension(p.ContentType)}").ToList() ?? []));
            }
        }
        return new ExportPlan(window, documents, captures);
    }

    /// <summary>
    /// <c>stem.png</c> for a PNG, as exports always named it; any other format is <c>stem.screenshot.ext</c>,
    /// so a PDF screenshot never takes the name of a PDF document's own snapshot, <c>stem.pdf</c>.
    /// </summary>
    private static async Task<string> ScreenshotFileAsync(IBlobStore blobs, string stem, string sha256, CancellationToken ct)
    {
        var format = await ScreenshotKind.OfStoredAsync(blobs, sha256, ct);
        return format == ScreenshotFormat.Png ? stem + ".png" : $"{stem}.screenshot{ScreenshotKind.Extension(format)}";
    }
}
