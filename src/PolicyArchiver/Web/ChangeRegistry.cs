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
    /// <summary>
    /// The changes the filter keeps (<c>Total</c>) and one window of them with their topics, newest
    /// first, or oldest first as the API lists them. Topics come from diffing two versions' texts, so
    /// they are worked out for the window alone, unless the filter names a topic, which needs them all.
    /// </summary>
    public static async Task<(int Total, IReadOnlyList<ListedChange> Window)> FindAsync(ArchiveReader reader, ChangeFilter filter, int skip, int take, bool oldestFirst,
        CancellationToken ct)
    {
        var documents = (await reader.CompaniesAsync(ct))
            .SelectMany(c => c.Documents.Select(d => (Company: c, Document: d)))
            .Where(p => filter.Admits(p.Company, p.Document))
            .ToDictionary(p => p.Document.Key);
        var kept = new List<(NumberedChange Numbered, IReadOnlyList<string>? Topics)>();
        foreach (var numbered in await reader.AllChangesAsync(documents.Keys, filter.IncludeTechnical, ct))
        {
            if (!filter.Covers(numbered.Change.At)) continue;
            if (filter.Topic is not { } topic)
            {
                kept.Add((numbered, null));
                continue;
            }
            var topics = await reader.TopicsAsync(numbered.Change, ct);
            if (topics.Contains(topic)) kept.Add((numbered, topics));
        }
        if (oldestFirst) kept.Reverse();
        var window = new List<ListedChange>();
        foreach (var (numbered, topics) in kept.Skip(skip).Take(take))
        {
            var (company, document) = documents[numbered.Change.Document];
            window.Add(new ListedChange(numbered, document, company, topics ?? await reader.TopicsAsync(numbered.Change, ct)));
        }
        return (kept.Count, window);
    }
}
