using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Storage;

/// <summary>Everything one capture adds to the catalog, recorded atomically.</summary>
public sealed record CaptureRecord(
    string Document,
    DateTimeOffset At,
    string Outcome,
    int? HttpStatus,
    string Url,
    string? FinalUrl,
    string? Detail,
    int Attempts,
    long DurationMs,
    CapturedSnapshot? Snapshot,
    NewVersion? Version,
    IReadOnlyList<WarcRecordLocation> Warc,
    string? Source = null);

public sealed record CapturedSnapshot(
    string BodySha256,
    long BodySize,
    string ContentType,
    string? Charset,
    int HttpStatus,
    string FinalUrl,
    IReadOnlyDictionary<string, string> Headers,
    string? DomSha256,
    string? ScreenshotSha256)
{
    public IReadOnlyList<SnapshotPart> Parts { get; init; } = [];
}

/// <summary>A version to record: <see cref="Number"/> must be the latest number + 1.</summary>
public sealed record NewVersion(
    int Number,
    string TextSha256,
    int Added,
    int Removed,
    int WordsAdded,
    int WordsRemoved,
    string Extractor,
    string Rules = "",
    bool Technical = false,
    bool Ocr = false);
