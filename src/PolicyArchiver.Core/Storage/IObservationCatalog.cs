namespace PolicyArchiver.Storage;

/// <summary>The catalog's observations: recording captures (with their snapshots) and reading them back.</summary>
internal interface IObservationCatalog
{
    /// <summary>
    /// Records an observation, with its snapshot when it was ok, and a new version (and the change
    /// from the previous one) when its text differs. All of it lands or none of it does.
    /// Throws <see cref="VersionConflictException"/> when another writer recorded a version of the
    /// same document in between; the caller re-reads the latest version and tries again.
    /// </summary>
    Task<Observation> RecordAsync(CaptureRecord record, CancellationToken ct = default);

    /// <summary>Records several captures in one transaction, in the order given: all of them, or none.</summary>
    Task<IReadOnlyList<Observation>> RecordAllAsync(IReadOnlyList<CaptureRecord> records, CancellationToken ct = default);

    /// <summary>Whether a capture from this source (an imported record) is already in the document's history.</summary>
    Task<bool> HasSourceAsync(string document, string source, CancellationToken ct = default);

    /// <summary>
    /// The document's observations in (time, id) order, with <see cref="Observation.NewVersion"/> and
    /// <see cref="Observation.Version"/> as its current generation of versions reads them.
    /// </summary>
    Task<IReadOnlyList<Observation>> GetObservationsAsync(string document, CancellationToken ct = default);

    Task<Snapshot?> GetSnapshotAsync(long observationId, CancellationToken ct = default);

    /// <summary>The snapshot of the document's latest ok observation, or null: what a new body is stored as a delta against.</summary>
    Task<Snapshot?> GetLatestSnapshotAsync(string document, CancellationToken ct = default);

    /// <summary>When the document was last attempted, or null if never.</summary>
    Task<DateTimeOffset?> GetLastObservationAtAsync(string document, CancellationToken ct = default);

    /// <summary>The availability of a document: its last attempt, last success and current streak.</summary>
    Task<Availability> GetAvailabilityAsync(string document, CancellationToken ct = default);

    /// <summary>
    /// The last attempt of every document ever attempted, by document, in one query: what a page
    /// listing every company needs of <see cref="GetAvailabilityAsync"/>, without five queries per document.
    /// </summary>
    Task<IReadOnlyDictionary<string, Observation>> GetLastAttemptsAsync(CancellationToken ct = default);

    /// <summary>An observation, as <see cref="GetObservationsAsync"/> reads it.</summary>
    Task<Observation?> GetObservationAsync(long id, CancellationToken ct = default);

    /// <summary>Every document that has at least one observation, including ones no longer in targets.json.</summary>
    Task<IReadOnlyList<string>> GetDocumentsAsync(CancellationToken ct = default);
}
