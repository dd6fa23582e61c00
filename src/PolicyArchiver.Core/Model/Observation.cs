namespace PolicyArchiver.Model;

/// <summary>
/// One attempt to capture one document at one instant, successful or not. "Unreachable on
/// 5 January" is a finding, not an error to swallow.
/// </summary>
/// <param name="Source">Null for our own captures; for imported ones, where they came from (<c>import:FILE#RECORD</c>).</param>
public sealed record Observation(
    long Id,
    string Document,
    DateTimeOffset At,
    Outcome Outcome,
    int? HttpStatus,
    string Url,
    string? FinalUrl,
    string? SnapshotSha256,
    bool NewVersion,
    int? Version,
    string? Detail,
    int Attempts,
    long DurationMs,
    string? Source = null);
