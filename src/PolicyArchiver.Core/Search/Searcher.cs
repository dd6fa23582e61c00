using PolicyArchiver.Archiving;

namespace PolicyArchiver.Search;

/// <summary>
/// Answers a query: the index finds the matching versions (no text is read for that), the versions
/// of the matching documents give the spans and validity, and only the page asked for reads a text,
/// once per hit, for its snippet.
/// </summary>
internal sealed class Searcher(Archive archive, ISearchIndex index, Func<string, string> languageOf)
{
    /// <summary>How much text a snippet shows on each side of its first match.</summary>
    public const int SnippetContext = 90;

    /// <param name="documents">The documents to look in (the filters' companies, sectors, types and languages), or null for all.</param>
    /// <param name="from">Versions in force at or after this instant only.</param>
    /// <param name="to">Versions in force at or before this instant only.</param>
    public async Task<SearchResults> SearchAsync(SearchQuery query, IReadOnlyCollection<string>? documents, DateTimeOffset? from, DateTimeOffset? to,
        int offset, int limit, CancellationToken ct = default)
    {
        var matches = await index.MatchAsync(query, documents, ct);
        var matched = matches.Select(m => (m.Document, m.Number)).ToHashSet();
        var byDocument = (await index.VersionsOfAsync(matches.Select(m => m.Document).Distinct().ToList(), ct))
            .GroupBy(v => v.Document)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var found = new List<(string Document, List<MatchedVersion> Versions, List<IndexedVersion> History)>();
        foreach (var group in byDocument)
        {
            var history = group.OrderBy(v => v.Number).ToList();
            var inWindow = new List<MatchedVersion>();
            for (var i = 0; i < history.Count; i++)
            {
                if (!matched.Contains((group.Key, history[i].Number))) continue;
                var version = new MatchedVersion(history[i].Number, history[i].CapturedAt, i + 1 < history.Count ? history[i + 1].CapturedAt : null);
                if ((to is null || version.ValidFrom <= to) && (from is null || version.ValidUntil is null || version.ValidUntil > from)) inWindow.Add(version);
            }
            if (inWindow.Count > 0) found.Add((group.Key, inWindow, history));
        }

        var hits = new List<SearchHit>();
        foreach (var (document, versions, history) in found.Skip(offset).Take(limit))
        {
            var changes = await archive.Catalog.GetChangesAsync(document, ct);
            int? ChangeTo(int version) => changes.Select((c, i) => (c, i)).Where(p => p.c.ToVersion == version).Select(p => (int?)(p.i + 1)).FirstOrDefault();
            var spans = Spans(history, v => matched.Contains((document, v)), ChangeTo);
            var latest = history.First(v => v.Number == versions[^1].Number);
            hits.Add(new SearchHit(document, versions, spans, await SnippetAsync(query, latest, ct)));
        }
        return new SearchResults(query, found.Count, hits);
    }

    /// <summary>The runs of consecutive versions that contain the query, in order.</summary>
    internal static IReadOnlyList<PresenceSpan> Spans(IReadOnlyList<IndexedVersion> history, Func<int, bool> contains, Func<int, int?> changeTo)
    {
        var spans = new List<PresenceSpan>();
        IndexedVersion? appeared = null;
        for (var i = 0; i < history.Count; i++)
        {
            var v = history[i];
            if (contains(v.Number) && appeared is null) appeared = v;
            else if (!contains(v.Number) && appeared is not null)
            {
                spans.Add(new PresenceSpan(appeared.Number, appeared.CapturedAt, Introduced(appeared), v.Number, v.CapturedAt, changeTo(v.Number)));
                appeared = null;
            }
        }
        if (appeared is not null) spans.Add(new PresenceSpan(appeared.Number, appeared.CapturedAt, Introduced(appeared), null, null, null));
        return spans;

        int? Introduced(IndexedVersion v) => v == history[0] ? null : changeTo(v.Number);
    }

    private async Task<Snippet?> SnippetAsync(SearchQuery query, IndexedVersion version, CancellationToken ct)
    {
        var text = System.Text.Encoding.UTF8.GetString(await archive.Blobs.GetAsync(version.TextSha256, ct));
        return MakeSnippet(query, text, languageOf(version.Document), version.Number);
    }

    /// <summary>The passage around the first place a clause matches, every match in it marked; null when none does in the text.</summary>
    internal static Snippet? MakeSnippet(SearchQuery query, string text, string language, int version)
    {
        var tokens = TextAnalyzer.Analyze(text, language);
        var marks = new List<(int Start, int End)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var length = query.Clauses.Select(c => c.MatchLength(tokens, i)).Max();
            if (length == 0) continue;
            marks.Add((tokens[i].Start, tokens[i + length - 1].Start + tokens[i + length - 1].Length));
            i += length - 1;
        }
        if (marks.Count == 0) return null;
        var start = WordBoundary(text, Math.Max(0, marks[0].Start - SnippetContext), backwards: true);
        var end = WordBoundary(text, Math.Min(text.Length, marks[0].End + SnippetContext), backwards: false);
        var prefix = start > 0 ? "…" : "";
        var passage = prefix + Flatten(text[start..end]) + (end < text.Length ? "…" : "");
        var highlights = marks.Where(m => m.Start >= start && m.End <= end)
            .Select(m => new Highlight(m.Start - start + prefix.Length, m.End - m.Start)).ToList();
        return new Snippet(version, passage, highlights);
    }

    /// <summary>Line breaks read as spaces in a one-line passage; one character for one, so the marks stay in place.</summary>
    private static string Flatten(string s) => s.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');

    private static int WordBoundary(string text, int at, bool backwards)
    {
        if (backwards)
        {
            while (at > 0 && !char.IsWhiteSpace(text[at - 1])) at--;
            return at;
        }
        while (at < text.Length && !char.IsWhiteSpace(text[at])) at++;
        return at;
    }
}
