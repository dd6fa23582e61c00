using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Warc;

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

    /// <summary>Records several captures in one transaction, in the order given: all of them, or none.</summary>
    Task<IReadOnlyList<Observation>> RecordAllAsync(IReadOnlyList<CaptureRecord> records, CancellationToken ct = default);

    /// <summary>
    /// Records a technical version: the text of an already-recorded snapshot (the one of
    /// <paramref name="observationId"/>) under new extraction rules. No observation is added.
    /// </summary>
    Task<DocumentVersion> RecordTechnicalVersionAsync(string document, long observationId, string snapshotSha256, DateTimeOffset at, NewVersion version, CancellationToken ct = default);

    /// <summary>Whether a capture from this source (an imported record) is already in the document's history.</summary>
    Task<bool> HasSourceAsync(string document, string source, CancellationToken ct = default);

    /// <summary>A version of a given generation, current or superseded (for verification).</summary>
    Task<DocumentVersion?> GetVersionInGenerationAsync(string document, int number, int generation, CancellationToken ct = default);

    /// <summary>The document's current generation of versions (0 until its history is rebuilt).</summary>
    Task<int> GetGenerationAsync(string document, CancellationToken ct = default);

    /// <summary>
    /// Records the document's history derived again, in date order, as a new generation: the
    /// versions of earlier generations stay (the ledger covers them) but are no longer current.
    /// </summary>
    Task<IReadOnlyList<DocumentVersion>> RebuildVersionsAsync(string document, IReadOnlyList<DerivedVersion> versions, string reason, CancellationToken ct = default);

    Task<DocumentVersion?> GetLatestVersionAsync(string document, CancellationToken ct = default);
    Task<DocumentVersion?> GetVersionAsync(string document, int number, CancellationToken ct = default);

    /// <summary>The version in force at an instant: the latest captured at or before it.</summary>
    Task<DocumentVersion?> GetVersionAtAsync(string document, DateTimeOffset at, CancellationToken ct = default);

    Task<IReadOnlyList<DocumentVersion>> GetVersionsAsync(string document, CancellationToken ct = default);
    /// <summary>
    /// The document's observations in (time, id) order, with <see cref="Observation.NewVersion"/> and
    /// <see cref="Observation.Version"/> as its current generation of versions reads them.
    /// </summary>
    Task<IReadOnlyList<Observation>> GetObservationsAsync(string document, CancellationToken ct = default);
    Task<IReadOnlyList<Change>> GetChangesAsync(string document, CancellationToken ct = default);

    /// <summary>
    /// The current changes of every document, by document then version, in one query: what the
    /// change registry pages through, instead of one query per document.
    /// </summary>
    Task<IReadOnlyList<Change>> GetAllChangesAsync(CancellationToken ct = default);
    Task<Snapshot?> GetSnapshotAsync(long observationId, CancellationToken ct = default);

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

    /// <summary>
    /// An observation exactly as it was recorded, which is what its ledger entry covers: its version
    /// fields are those of the generation in force then (none for an imported capture), for verification.
    /// </summary>
    Task<Observation?> GetRecordedObservationAsync(long id, CancellationToken ct = default);

    /// <summary>The WARC records written for an observation, in the order they were written.</summary>
    Task<IReadOnlyList<WarcRecordLocation>> GetWarcRecordsAsync(long observationId, CancellationToken ct = default);

    /// <summary>Every WARC record the catalog knows, by file and offset.</summary>
    Task<IReadOnlyList<WarcRecordLocation>> GetAllWarcRecordsAsync(CancellationToken ct = default);

    /// <summary>An earlier response record of this URL with this payload digest: what a revisit record points to.</summary>
    Task<WarcRecordLocation?> FindResponseAsync(string targetUri, string payloadDigest, CancellationToken ct = default);

    /// <summary>An earlier record with this role (screenshot, dom, text) and block digest, so the same bytes are not written twice.</summary>
    Task<WarcRecordLocation?> FindBlockAsync(string role, string blockDigest, CancellationToken ct = default);

    Task<LedgerEntry?> GetLedgerHeadAsync(CancellationToken ct = default);
    Task<LedgerEntry?> GetLedgerEntryAsync(string subject, CancellationToken ct = default);

    /// <summary>Ledger entries with <paramref name="fromSeq"/> ≤ seq ≤ <paramref name="toSeq"/>, in order.</summary>
    Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(long fromSeq, long toSeq, CancellationToken ct = default);

    /// <summary>Row counts of what the ledger covers, to detect rows added behind its back.</summary>
    Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken ct = default);

    Task AddCheckpointAsync(Checkpoint checkpoint, CancellationToken ct = default);

    /// <summary>
    /// Appends a key rotation to the ledger. The entry is its own record: it holds both public keys
    /// and the old key's signature, so no other row backs it.
    /// </summary>
    Task<LedgerEntry> RecordKeyRotationAsync(KeyRotation rotation, CancellationToken ct = default);
    Task<IReadOnlyList<Checkpoint>> GetCheckpointsAsync(CancellationToken ct = default);

    /// <summary>Every document that has at least one observation, including ones no longer in targets.json.</summary>
    Task<IReadOnlyList<string>> GetDocumentsAsync(CancellationToken ct = default);

    /// <summary>Records what a look at a company's homepage found, with its ledger entry, in one transaction.</summary>
    Task<DiscoveryRecord> RecordDiscoveryAsync(string company, DateTimeOffset at, string outcome, string json, CancellationToken ct = default);

    /// <summary>A company's discoveries, oldest first.</summary>
    Task<IReadOnlyList<DiscoveryRecord>> GetDiscoveriesAsync(string company, CancellationToken ct = default);

    Task<DiscoveryRecord?> GetDiscoveryAsync(long id, CancellationToken ct = default);

    /// <summary>
    /// The noise model learned from a document's history (JSON), or null when none was learned.
    /// Derived data, outside the ledger: it decides nothing that cannot be decided again from the observations.
    /// </summary>
    Task<string?> GetNoiseModelAsync(string document, CancellationToken ct = default);

    Task SaveNoiseModelAsync(string document, string json, CancellationToken ct = default);

    /// <summary>Every row of every table (<see cref="CatalogRow.Tables"/>, in that order), to copy the archive elsewhere.</summary>
    IAsyncEnumerable<CatalogRow> ExportAsync(CancellationToken ct = default);

    /// <summary>
    /// Loads the rows of another catalog into this one, which must be empty, in one transaction:
    /// ids, ledger entries and signatures are kept as they are, so the copy verifies as the original.
    /// </summary>
    Task ImportAsync(IAsyncEnumerable<CatalogRow> rows, CancellationToken ct = default);
}
