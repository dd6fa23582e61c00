namespace PolicyArchiver.Model;

/// <summary>
/// A distinct normalised text of a document, first seen at <see cref="CapturedAt"/>. Derived from
/// a snapshot: it can be regenerated when extraction improves.
/// </summary>
/// <param name="Rules">SHA-256 of the extraction rules that produced it (empty for versions recorded before rules were tracked).</param>
/// <param name="Technical">
/// The text changed because extraction changed (new rules or extractor), not because the company
/// changed its document: kept and visible, never reported as a change by default.
/// </param>
/// <param name="Generation">Which derivation of the document's history this version belongs to (0 unless history was rebuilt).</param>
/// <param name="Ocr">The text was read by OCR from page images (a scanned PDF): less certain than a text layer.</param>
public sealed record DocumentVersion(
    string Document,
    int Number,
    DateTimeOffset CapturedAt,
    string TextSha256,
    string SnapshotSha256,
    long ObservationId,
    int Added,
    int Removed,
    string Extractor,
    string Rules = "",
    bool Technical = false,
    bool Ocr = false,
    int Generation = 0);
