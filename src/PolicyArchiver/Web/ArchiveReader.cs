using Microsoft.Extensions.Caching.Memory;
using PolicyArchiver.Archiving;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Web;

/// <summary>A company as the web shows it: from targets.json, or only from what the archive holds.</summary>
internal sealed record CompanyView(string Id, string Name, string Sector, Uri? Homepage, IReadOnlyList<DocumentView> Documents);

/// <summary>
/// A document as the web shows it. <see cref="Tracked"/> is false for a document that has history in
/// the archive but is no longer in targets.json: its history stays readable.
/// </summary>
internal sealed record DocumentView(string CompanyId, string Id, string Type, string Language, string Url, string? Title, bool Tracked)
{
    public string Key => $"{CompanyId}/{Id}";
}

/// <summary>
/// Read-only queries the web answers: the catalog joined with the targets' names, types and
/// languages. Never writes to the archive.
/// </summary>
internal sealed class ArchiveReader(Archive archive, Func<TargetList?> targets)
{
    public Archive Archive => archive;
    public ICatalog Catalog => archive.Catalog;

    /// <summary>Every company of the targets, plus companies that only the archive still knows, by sector then name.</summary>
    public async Task<IReadOnlyList<CompanyView>> CompaniesAsync(CancellationToken ct)
    {
        var list = targets();
        var archived = await Catalog.GetDocumentsAsync(ct);
        var companies = new List<CompanyView>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        // Archived documents by company, looked up once: a scan per company would cost companies × documents.
        var byCompany = archived.ToLookup(k => k[..Math.Max(0, k.IndexOf('/'))], StringComparer.Ordinal);
        foreach (var company in list?.Companies ?? [])
        {
            var documents = company.Documents.Select(d => new DocumentView(d.CompanyId, d.Id, d.Type, d.Language, d.Url.ToString(), d.Title, true)).ToList();
            known.UnionWith(documents.Select(d => d.Key));
            documents.AddRange(await UntrackedAsync(byCompany[company.Id].Where(k => !known.Contains(k)), ct));
            companies.Add(new CompanyView(company.Id, company.Name, company.Sector, company.Homepage, documents));
        }
        var targeted = companies.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var group in byCompany.Where(g => !targeted.Contains(g.Key)))
            companies.Add(new CompanyView(group.Key, group.Key, "", null, await UntrackedAsync(group.Where(k => !known.Contains(k)), ct)));
        return companies.OrderBy(c => c.Sector, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.CurrentCulture).ToList();
    }

    public async Task<CompanyView?> CompanyAsync(string id, CancellationToken ct) =>
        (await CompaniesAsync(ct)).FirstOrDefault(c => c.Id == id);

    /// <summary>A document with its company, or null when either is unknown.</summary>
    public async Task<(CompanyView Company, DocumentView Document)?> LocateAsync(string company, string document, CancellationToken ct) =>
        await CompanyAsync(company, ct) is { } c && c.Documents.FirstOrDefault(d => d.Id == document) is { } d ? (c, d) : null;

    public async Task<DocumentView?> DocumentAsync(string company, string document, CancellationToken ct) =>
        (await CompanyAsync(company, ct))?.Documents.FirstOrDefault(d => d.Id == document);

    /// <summary>Documents the archive holds but the targets no longer list, described from their last observation.</summary>
    private async Task<List<DocumentView>> UntrackedAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        var views = new List<DocumentView>();
        foreach (var key in keys)
        {
            var last = (await Catalog.GetAvailabilityAsync(key, ct)).LastAttempt;
            var parts = key.Split('/');
            views.Add(new DocumentView(parts[0], parts[1], "other", LanguageFromId(parts[1]), last?.Url ?? "", null, false));
        }
        return views;
    }

    /// <summary>Ids end in their language by convention (<c>privacy-policy-kk</c>); otherwise unknown.</summary>
    private static string LanguageFromId(string id) =>
        id.LastIndexOf('-') is var i and > 0 && id[(i + 1)..] is "kk" or "ru" or "en" ? id[(i + 1)..] : "";

    /// <summary>
    /// The changes of a document numbered 1, 2, … in the order they were recorded: change n is the
    /// address <c>/companies/{company}/{document}/changes/{n}</c>.
    /// </summary>
    public async Task<IReadOnlyList<NumberedChange>> ChangesAsync(string document, CancellationToken ct) =>
        (await Catalog.GetChangesAsync(document, ct)).Select((c, i) => new NumberedChange(i + 1, c)).ToList();

    /// <summary>Every change of every archived document, newest first.</summary>
    public async Task<IReadOnlyList<NumberedChange>> AllChangesAsync(IEnumerable<string> documents, bool includeTechnical, CancellationToken ct)
    {
        var wanted = documents.ToHashSet(StringComparer.Ordinal);
        // One query for the whole registry (one per document took seconds at 10,000 documents), numbered per document as ChangesAsync numbers them.
        var all = (await Catalog.GetAllChangesAsync(ct))
            .Where(c => wanted.Contains(c.Document))
            .GroupBy(c => c.Document, StringComparer.Ordinal)
            .SelectMany(g => g.Select((c, i) => new NumberedChange(i + 1, c)))
            .Where(c => includeTechnical || !c.Change.Technical);
        return all.OrderByDescending(c => c.Change.At).ThenBy(c => c.Change.Document, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The topics a change's clauses touch. They depend only on the two versions' texts (and the
    /// site's lexicon, fixed for the process), so they are kept by the texts' digests: a key that never
    /// goes stale, in a cache bounded by <see cref="TopicsKept"/> entries.
    /// </summary>
    public async Task<IReadOnlyList<string>> TopicsAsync(Change change, CancellationToken ct)
    {
        var before = await Catalog.GetVersionAsync(change.Document, change.FromVersion, ct);
        var after = await Catalog.GetVersionAsync(change.Document, change.ToVersion, ct);
        if (before is null || after is null) return [];
        var key = before.TextSha256 + ":" + after.TextSha256;
        if (_topics.TryGetValue(key, out IReadOnlyList<string>? known) && known is not null) return known;
        var topics = Insight.ChangeInsight.Of(await archive.ReadTextAsync(before, ct), await archive.ReadTextAsync(after, ct), SiteTopics.Lexicon).Topics;
        _topics.Set(key, topics, new MemoryCacheEntryOptions { Size = 1 });
        return topics;
    }

    /// <summary>Topic lists kept: a few hundred bytes each, so the registry of a large archive stays in a few MB.</summary>
    private const int TopicsKept = 50_000;

    private readonly MemoryCache _topics = new(new MemoryCacheOptions { SizeLimit = TopicsKept });

    public async Task<string> ReadTextAsync(DocumentVersion version, CancellationToken ct) => await archive.ReadTextAsync(version, ct);

    /// <summary>
    /// What is worked out from the whole archive (coverage reads every document's latest version and
    /// snapshot), kept until the ledger moves: the archive takes no record without a ledger entry, so
    /// an unmoved head means nothing it was derived from has changed. The targets are part of the key:
    /// a reloaded targets.json changes what is covered.
    /// </summary>
    public async Task<T> UntilLedgerMovesAsync<T>(string name, Func<CancellationToken, Task<T>> derive, CancellationToken ct) where T : class
    {
        var head = await Catalog.GetLedgerHeadAsync(ct);
        var key = (head?.Seq ?? 0, head?.Hash ?? "", targets());
        lock (_derived)
            if (_derived.TryGetValue(name, out var known) && known.Key.Equals(key)) return (T)known.Value;
        var value = await derive(ct);
        lock (_derived) _derived[name] = (key, value);
        return value;
    }

    private readonly Dictionary<string, (object Key, object Value)> _derived = new(StringComparer.Ordinal);
}

/// <summary>A change with its number within its document.</summary>
internal sealed record NumberedChange(int Number, Change Change);
