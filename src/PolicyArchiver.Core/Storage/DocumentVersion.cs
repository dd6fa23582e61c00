namespace PolicyArchiver.Storage;

/// <summary>
/// A distinct normalised text of a document, first seen at <see cref="CapturedAt"/>. Derived from
/// a snapshot: it can be regenerated when extraction improves.
/// </summary>
public sealed record DocumentVersion(
    string Document,
    int Number,
    DateTimeOffset CapturedAt,
    string TextSha256,
    string SnapshotSha256,
    long ObservationId,
    int Added,
    int Removed,
    string Extractor);
