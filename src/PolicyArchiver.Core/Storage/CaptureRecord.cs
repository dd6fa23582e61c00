using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Storage;

/// <summary>Everything one capture adds to the catalog, recorded atomically.</summary>
internal sealed record CaptureRecord(
    string Document,
    DateTimeOffset At,
    Outcome Outcome,
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
