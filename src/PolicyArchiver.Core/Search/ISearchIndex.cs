namespace PolicyArchiver.Search;

/// <summary>A version the search index holds: which it is, and when it was captured.</summary>
/// <param name="TextSha256">The digest of the text indexed: a rebuilt history with another text at this number is indexed again.</param>
internal sealed record IndexedVersion(string Document, int Number, string TextSha256, DateTimeOffset CapturedAt);

/// <summary>A version with its analysed text, ready to be added to the index.</summary>
internal sealed record AnalysedVersion(IndexedVersion Version, string Language, IReadOnlyList<string> Stems);

/// <summary>
/// The full-text index over every version of every document: derived data, rebuilt from the
/// catalog and the blobs at any time. Two implementations, one per storage mode: SQLite FTS5
/// (<c>archive/search.db</c>) and PostgreSQL full-text search (tables beside the catalog's). Both
/// hold the stems of <see cref="TextAnalyzer"/>, so a query matches the same versions in either.
/// </summary>
internal interface ISearchIndex : IDisposable
{
    /// <summary>Creates the index's tables when missing.</summary>
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>The catalog state the index was last brought up to date with, or null before the first complete build.</summary>
    Task<string?> GetWatermarkAsync(CancellationToken ct = default);

    Task SetWatermarkAsync(string? watermark, CancellationToken ct = default);

    /// <summary>Every version held.</summary>
    Task<IReadOnlyList<IndexedVersion>> GetIndexedAsync(CancellationToken ct = default);

    /// <summary>Adds versions in one transaction: all of them, or none. A version already held is left as it is.</summary>
    Task AddAsync(IReadOnlyList<AnalysedVersion> versions, CancellationToken ct = default);

    /// <summary>Removes versions (of a history since rebuilt) in one transaction.</summary>
    Task RemoveAsync(IReadOnlyList<IndexedVersion> versions, CancellationToken ct = default);

    /// <summary>Empties the index, for a rebuild from scratch.</summary>
    Task ClearAsync(CancellationToken ct = default);

    /// <summary>
    /// The versions matching every clause of the query, among <paramref name="documents"/> (all when
    /// null), in no particular order. The database does the matching: no text is read.
    /// </summary>
    Task<IReadOnlyList<IndexedVersion>> MatchAsync(SearchQuery query, IReadOnlyCollection<string>? documents, CancellationToken ct = default);

    /// <summary>Every version held of these documents, matching or not: what a match's spans are told against.</summary>
    Task<IReadOnlyList<IndexedVersion>> VersionsOfAsync(IReadOnlyCollection<string> documents, CancellationToken ct = default);
}
