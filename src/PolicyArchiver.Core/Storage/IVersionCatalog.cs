namespace PolicyArchiver.Storage;

/// <summary>The catalog's versions, their generations and the changes between them.</summary>
internal interface IVersionCatalog
{
    /// <summary>
    /// Records a technical version: the text of an already-recorded snapshot (the one of
    /// <paramref name="observationId"/>) under new extraction rules. No observation is added.
    /// </summary>
    Task<DocumentVersion> RecordTechnicalVersionAsync(string document, long observationId, string snapshotSha256, DateTimeOffset at, NewVersion version, CancellationToken ct = default);

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
    Task<IReadOnlyList<Change>> GetChangesAsync(string document, CancellationToken ct = default);

    /// <summary>
    /// The current changes of every document, by document then version, in one query: what the
    /// change registry pages through, instead of one query per document.
    /// </summary>
    Task<IReadOnlyList<Change>> GetAllChangesAsync(CancellationToken ct = default);
}
