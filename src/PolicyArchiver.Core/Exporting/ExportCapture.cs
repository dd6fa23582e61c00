namespace PolicyArchiver.Exporting;

/// <summary>
/// One observation of the window with what the export writes for it: the snapshot and the version
/// in force after it (both null for a failure), and the paths of its files inside the export
/// (empty strings when there is no such file).
/// </summary>
internal sealed record ExportCapture(
    ExportDocument Document,
    Observation Observation,
    Snapshot? Snapshot,
    DocumentVersion? Version,
    string SnapshotFile,
    string TextFile,
    string ScreenshotFile,
    IReadOnlyList<string> PartFiles);
