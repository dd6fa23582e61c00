using PolicyArchiver.Insight;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Web;

/// <summary>A change as the registry lists it: with its document, company and topics.</summary>
internal sealed record ListedChange(NumberedChange Numbered, DocumentView Document, CompanyView Company, IReadOnlyList<string> Topics)
{
    public Change Change => Numbered.Change;
}

/// <summary>The change registry across the archive, narrowed by a <see cref="ChangeFilter"/>, newest first.</summary>
internal static class ChangeRegistry
{
    public static async Task<IReadOnlyList<ListedChange>> FindAsync(ArchiveReader reader, ChangeFilter filter, CancellationToken ct)
    {
        var documents = (await reader.CompaniesAsync(ct))
            .SelectMany(c => c.Documents.Select(d => (Company: c, Document: d)))
            .Where(p => filter.Admits(p.Company, p.Document))
            .ToDictionary(p => p.Document.Key);
        var listed = new List<ListedChange>();
        foreach (var numbered in await reader.AllChangesAsync(documents.Keys, filter.IncludeTechnical, ct))
        {
            if (!filter.Covers(numbered.Change.At)) continue;
            var topics = (await ArchiveInsight.OfAsync(reader.Archive, numbered.Change, SiteTopics.Lexicon, ct)).Topics;
            if (filter.Topic is { } topic && !topics.Contains(topic)) continue;
            var (company, document) = documents[numbered.Change.Document];
            listed.Add(new ListedChange(numbered, document, company, topics));
        }
        return listed;
    }
}
