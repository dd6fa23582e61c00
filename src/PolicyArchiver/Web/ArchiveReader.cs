using PolicyArchiver.Archiving;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Web;

/// <summary>A company as the web shows it: from targets.json, or only from what the archive holds.</summary>
public sealed record CompanyView(string Id, string Name, string Sector, Uri? Homepage, IReadOnlyList<DocumentView> Documents);

/// <summary>
/// A document as the web shows it. <see cref="Tracked"/> is false for a document that has history in
/// the archive but is no longer in targets.json: its history stays readable.
/// </summary>
public sealed record DocumentView(string CompanyId, string Id, string Type, string Language, string Url, string? Title, bool Tracked)
{
    public string Key => $"{CompanyId}/{Id}";
}

/// <summary>
/// Read-only queries the web answers: the catalog joined with the targets' names, types and
/// languages. Never writes to the archive.
/// </summary>
public sealed class ArchiveReader(Archive archive, Func<TargetList?> targets)
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
        foreach (var company in list?.Companies ?? [])
        {
            var documents = company.Documents.Select(d => new DocumentView(d.CompanyId, d.Id, d.Type, d.Language, d.Url.ToString(), d.Title, true)).ToList();
            known.UnionWith(documents.Select(d => d.Key));
            documents.AddRange(await UntrackedAsync(archived.Where(k => k.StartsWith(company.Id + "/", StringComparison.Ordinal) && !known.Contains(k)), ct));
            companies.Add(new CompanyView(company.Id, company.Name, company.Sector, company.Homepage, documents));
        }
        foreach (var group in archived.Where(k => !known.Contains(k) && companies.All(c => !k.StartsWith(c.Id + "/", StringComparison.Ordinal)))
                     .GroupBy(k => k.Split('/')[0]))
            companies.Add(new CompanyView(group.Key, group.Key, "", null, await UntrackedAsync(group, ct)));
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
        var all = new List<NumberedChange>();
        foreach (var key in documents) all.AddRange((await ChangesAsync(key, ct)).Where(c => includeTechnical || !c.Change.Technical));
        return all.OrderByDescending(c => c.Change.At).ThenBy(c => c.Change.Document, StringComparer.Ordinal).ToList();
    }

    public async Task<string> ReadTextAsync(DocumentVersion version, CancellationToken ct) => await archive.ReadTextAsync(version, ct);
}

/// <summary>A change with its number within its document.</summary>
public sealed record NumberedChange(int Number, Change Change);
