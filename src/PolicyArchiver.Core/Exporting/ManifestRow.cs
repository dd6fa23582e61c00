using System.Globalization;

namespace PolicyArchiver.Exporting;

/// <summary>
/// One line of <c>manifest.csv</c> / <c>manifest.jsonl</c>: one observation of the window. The first
/// ten fields are fixed by the export's contract; the rest extend it and only ever come after them.
/// </summary>
/// <param name="Version">The version in force after the observation: a failure leaves the previous one in force.</param>
/// <param name="TextSha256">SHA-256 of <paramref name="TextFile"/>: empty, like every file, for an observation that yielded no snapshot.</param>
/// <param name="Source">Empty for our own captures; where an imported one came from.</param>
internal sealed record ManifestRow(
    string Company,
    string Document,
    string Type,
    string Language,
    string Url,
    string CapturedAt,
    string Outcome,
    string SnapshotSha256,
    string TextSha256,
    string Version,
    string CompanyName,
    string ObservationId,
    string HttpStatus,
    string FinalUrl,
    string ContentType,
    string Source,
    string SnapshotFile,
    string TextFile,
    string ScreenshotFile,
    string PartFiles)
{
    /// <summary>The field names, in order: the CSV header and the JSON Lines keys.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "company", "document", "type", "language", "url", "capturedAt", "outcome", "snapshotSha256", "textSha256", "version",
        "companyName", "observationId", "httpStatus", "finalUrl", "contentType", "source", "snapshotFile", "textFile", "screenshotFile", "partFiles",
    ];

    public IReadOnlyList<string> Values =>
    [
        Company, Document, Type, Language, Url, CapturedAt, Outcome, SnapshotSha256, TextSha256, Version,
        CompanyName, ObservationId, HttpStatus, FinalUrl, ContentType, Source, SnapshotFile, TextFile, ScreenshotFile, PartFiles,
    ];

    public static ManifestRow From(ExportCapture c)
    {
        var o = c.Observation;
        return new ManifestRow(
            c.Document.CompanyId, c.Document.Id, c.Document.Type, c.Document.Language, o.Url, Instant.Format(o.At), o.Outcome.ToWire(),
            c.Snapshot?.BodySha256 ?? "", c.Version?.TextSha256 ?? "", o.Version?.ToString(CultureInfo.InvariantCulture) ?? "",
            c.Document.CompanyName, o.Id.ToString(CultureInfo.InvariantCulture), o.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "",
            o.FinalUrl ?? "", c.Snapshot?.ContentType ?? "", o.Source ?? "",
            c.SnapshotFile, c.TextFile, c.ScreenshotFile, string.Join(' ', c.PartFiles));
    }
}
