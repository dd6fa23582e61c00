using PolicyArchiver.Archiving;
using PolicyArchiver.Storage;
using PolicyArchiver.Insight.Topics;

namespace PolicyArchiver.Insight;

/// <summary>Reads the two versions of recorded changes from an archive and derives their <see cref="ChangeInsight"/>.</summary>
internal static class ArchiveInsight
{
    /// <summary>The insight of one change; <see cref="ChangeInsight.None"/> when a version's text is gone from the catalog.</summary>
    public static async Task<ChangeInsight> OfAsync(Archive archive, Change change, TopicLexicon lexicon, CancellationToken ct) =>
        await OfAsync(archive, change.Document, change.FromVersion, change.ToVersion, lexicon, ct);

    public static async Task<ChangeInsight> OfAsync(Archive archive, string document, int from, int to, TopicLexicon lexicon, CancellationToken ct)
    {
        var before = await archive.Catalog.GetVersionAsync(document, from, ct);
        var after = await archive.Catalog.GetVersionAsync(document, to, ct);
        if (before is null || after is null) return ChangeInsight.None;
        return ChangeInsight.Of(await archive.ReadTextAsync(before, ct), await archive.ReadTextAsync(after, ct), lexicon);
    }

    /// <summary>
    /// The insight of every recorded change of a document, by the version each change produced;
    /// each version's text is read once.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, ChangeInsight>> OfDocumentAsync(Archive archive, string document, TopicLexicon lexicon, CancellationToken ct)
    {
        var texts = new Dictionary<int, string?>();
        async Task<string?> TextAsync(int number)
        {
            if (texts.TryGetValue(number, out var known)) return known;
            var version = await archive.Catalog.GetVersionAsync(document, number, ct);
            return texts[number] = version is null ? null : await archive.ReadTextAsync(version, ct);
        }
        var insights = new Dictionary<int, ChangeInsight>();
        foreach (var change in await archive.Catalog.GetChangesAsync(document, ct))
        {
            var before = await TextAsync(change.FromVersion);
            var after = await TextAsync(change.ToVersion);
            insights[change.ToVersion] = before is null || after is null ? ChangeInsight.None : ChangeInsight.Of(before, after, lexicon);
            texts.Remove(change.FromVersion);
        }
        return insights;
    }
}
