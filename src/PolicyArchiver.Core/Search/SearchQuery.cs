namespace PolicyArchiver.Search;

/// <summary>
/// A search as the index runs it: every clause must match a version. A clause is a word or a quoted
/// phrase, analysed like the texts; it matches where one of its <see cref="QueryClause.Phrases"/>
/// does, each stem of the phrase the prefix of an indexed stem at consecutive positions.
/// </summary>
/// <param name="Text">The query as the user typed it.</param>
internal sealed record SearchQuery(string Text, IReadOnlyList<QueryClause> Clauses)
{
    /// <summary>Past this many spellings of one phrase the rest are dropped: they only come from very long phrases.</summary>
    public const int MostPhrasesPerClause = 16;

    /// <summary>
    /// The query typed: words and <c>"quoted phrases"</c>. Null when it has no word at all
    /// (empty, or only punctuation).
    /// </summary>
    public static SearchQuery? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var clauses = new List<QueryClause>();
        var parts = text.Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            // Odd parts stood between quotes: a phrase. An unclosed quote runs to the end.
            if (i % 2 == 1) AddClause(clauses, parts[i]);
            else foreach (var word in parts[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) AddClause(clauses, word);
        }
        return clauses.Count == 0 ? null : new SearchQuery(text.Trim(), clauses);
    }

    private static void AddClause(List<QueryClause> clauses, string text)
    {
        var words = TextAnalyzer.Words(text).Select(w => w.Word).ToList();
        if (words.Count == 0) return;
        // Each word may stand for a Russian or a Kazakh stem: a phrase is every way of spelling it.
        IEnumerable<IReadOnlyList<string>> phrases = [[]];
        foreach (var word in words)
        {
            var alternatives = TextAnalyzer.Alternatives(word);
            phrases = phrases.SelectMany(p => alternatives.Select(a => (IReadOnlyList<string>)[.. p, a]));
        }
        clauses.Add(new QueryClause(text.Trim(), phrases.Take(MostPhrasesPerClause).ToList()));
    }
}

/// <param name="Text">The word or phrase as typed.</param>
/// <param name="Phrases">The stem sequences it may have been indexed as; any one matches.</param>
internal sealed record QueryClause(string Text, IReadOnlyList<IReadOnlyList<string>> Phrases)
{
    /// <summary>Whether the clause matches at position <paramref name="at"/> of a text's stems.</summary>
    public int MatchLength(IReadOnlyList<Token> tokens, int at)
    {
        foreach (var phrase in Phrases)
        {
            if (at + phrase.Count > tokens.Count) continue;
            var all = true;
            for (var k = 0; k < phrase.Count && all; k++) all = tokens[at + k].Stem.StartsWith(phrase[k], StringComparison.Ordinal);
            if (all) return phrase.Count;
        }
        return 0;
    }
}
