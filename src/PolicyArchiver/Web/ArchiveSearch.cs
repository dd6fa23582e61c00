using PolicyArchiver.Search;

namespace PolicyArchiver.Web;

/// <summary>A document a search found, with its company and document as the web shows them.</summary>
internal sealed record FoundDocument(SearchHit Hit, CompanyView Company, DocumentView Document);

/// <summary>A page of what a search found: <see cref="Total"/> documents in all.</summary>
/// <param name="Update">What bringing the index up to date did first; null when the caller kept it up to date itself (the site, see <see cref="SearchIndexUpkeep"/>).</param>
internal sealed record SearchPage(SearchQuery Query, int Total, IReadOnlyList<FoundDocument> Found, IndexUpdate? Update);

/// <summary>
/// Full-text search across the archive, the same for <c>search</c>, <c>/search</c> and
/// <c>/api/search</c>: the <c>/changes</c> filters pick the documents (company, sector, type,
/// language) and the window of versions in force (from, to); the index is brought up to date first.
/// </summary>
internal static class ArchiveSearch
{
    /// <summary>One update at a time in this process: concurrent requests wait for it instead of indexing the same versions twice.</summary>
    private static readonly SemaphoreSlim Updating = new(1, 1);

    /// <param name="updateFirst">Bring the index up to date before searching (the CLI); the site has it kept up to date in the background instead.</param>
    public static async Task<SearchPage> FindAsync(ArchiveReader reader, SearchQuery query, ChangeFilter filter, int offset, int limit,
        IProgress<IndexProgress>? progress, CancellationToken ct, bool updateFirst = true)
    {
        var companies = await reader.CompaniesAsync(ct);
        var documents = companies.SelectMany(c => c.Documents.Select(d => (Company: c, Document: d))).ToDictionary(p => p.Document.Key);
        using var index = await SearchIndexes.OpenAsync(reader.Archive, ct);
        var update = updateFirst ? await UpdateAsync(reader, index, documents, rebuild: false, progress, ct) : null;
        var narrowed = filter with { From = null, To = null, Topic = null, IncludeTechnical = false };
        IReadOnlyCollection<string>? scope = narrowed == ChangeFilter.All ? null
            : documents.Values.Where(p => filter.Admits(p.Company, p.Document)).Select(p => p.Document.Key).ToList();
        var from = filter.From is { } f ? ChangeFilter.Start(f) : (DateTimeOffset?)null;
        var to = filter.To is { } t ? ChangeFilter.End(t) : (DateTimeOffset?)null;
        var results = await new Searcher(reader.Archive, index, LanguageOf(documents)).SearchAsync(query, scope, from, to, offset, limit, ct);
        var found = results.Hits.Select(h => documents.TryGetValue(h.Document, out var p)
            ? new FoundDocument(h, p.Company, p.Document)
            : Unknown(h)).ToList();
        return new SearchPage(query, results.Total, found, update);
    }

    /// <summary>Brings the archive's search index up to date (or builds it again from scratch), each document read in its own language.</summary>
    public static async Task<IndexUpdate> UpdateAsync(ArchiveReader reader, bool rebuild, IProgress<IndexProgress>? progress, CancellationToken ct)
    {
        var documents = (await reader.CompaniesAsync(ct)).SelectMany(c => c.Documents.Select(d => (Company: c, Document: d))).ToDictionary(p => p.Document.Key);
        using var index = await SearchIndexes.OpenAsync(reader.Archive, ct);
        return await UpdateAsync(reader, index, documents, rebuild, progress, ct);
    }

    private static async Task<IndexUpdate> UpdateAsync(ArchiveReader reader, ISearchIndex index, Dictionary<string, (CompanyView Company, DocumentView Document)> documents,
        bool rebuild, IProgress<IndexProgress>? progress, CancellationToken ct)
    {
        await Updating.WaitAsync(ct);
        try
        {
            var indexer = new SearchIndexer(reader.Archive, index, LanguageOf(documents));
            return rebuild ? await indexer.RebuildAsync(progress, ct) : await indexer.UpdateAsync(progress, ct);
        }
        finally
        {
            Updating.Release();
        }
    }

    private static Func<string, string> LanguageOf(Dictionary<string, (CompanyView Company, DocumentView Document)> documents) =>
        key => documents.TryGetValue(key, out var p) ? p.Document.Language : "";

    /// <summary>A document the archive held when the index was built but no longer lists (never in practice: history is kept).</summary>
    private static FoundDocument Unknown(SearchHit hit)
    {
        var parts = hit.Document.Split('/');
        var document = new DocumentView(parts[0], parts.Length > 1 ? parts[1] : "", "other", "", "", null, false);
        return new FoundDocument(hit, new CompanyView(parts[0], parts[0], "", null, [document]), document);
    }
}
