namespace PolicyArchiver.Storage;

/// <summary>
/// The index of everything archived: observations, snapshots, versions and changes.
/// The catalog is derived metadata over the blob store's evidence.
/// </summary>
public interface ICatalog
{
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>
    /// Records an observation, with its snapshot when it was ok, and a new version (and the change
    /// from the previous one) when its text differs. All of it lands or none of it does.
    /// Throws <see cref="VersionConflictException"/> when another writer recorded a version of the
    /// same document in between; the caller re-reads the latest version and tries again.
    /// </summary>
    Task<Observation> RecordAsync(CaptureRecord record, CancellationToken ct = default);

    Task<DocumentVersion?> GetLatestVersionAsync(string document, CancellationToken ct = default);
    Task<DocumentVersion?> GetVersionAsync(string document, int number, CancellationToken ct = default);

    /// <summary>The version in force at an instant: the latest captured at or before it.</summary>
    Task<DocumentVersion?> GetVersionAtAsync(string document, DateTimeOffset at, CancellationToken ct = default);

    Task<IReadOnlyList<DocumentVersion>> GetVersionsAsync(string document, CancellationToken ct = default);
    Task<IReadOnlyList<Observation>> GetObservationsAsync(string document, CancellationToken ct = default);
    Task<IReadOnlyList<Change>> GetChangesAsync(string document, CancellationToken ct = default);
    Task<Snapshot?> GetSnapshotAsync(long observationId, CancellationToken ct = default);

    /// <summary>Every document that has at least one observation, including ones no longer in targets.json.</summary>
    Task<IReadOnlyList<string>> GetDocumentsAsync(CancellationToken ct = default);
}
