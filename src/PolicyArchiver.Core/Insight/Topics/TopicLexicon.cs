namespace PolicyArchiver.Insight.Topics;

/// <summary>
/// The topics and their keywords, compiled for matching: which topics does a text touch?
/// Keywords of every language apply to every text: Kazakh policies quote Russian terms, Russian
/// ones write "cookie" in Latin letters.
/// </summary>
internal sealed class TopicLexicon
{
    private readonly Dictionary<char, List<(int Topic, TopicKeyword Keyword)>> _byFirst = [];

    public TopicLexicon(IReadOnlyList<Topic> topics, string source)
    {
        Topics = topics;
        Source = source;
        for (var t = 0; t < topics.Count; t++)
            foreach (var keyword in topics[t].Keywords.Values.SelectMany(k => k))
            {
                if (!_byFirst.TryGetValue(keyword.First, out var list)) _byFirst[keyword.First] = list = [];
                list.Add((t, keyword));
            }
    }

    /// <summary>The topics in the lexicon's order, which is the order results are given in.</summary>
    public IReadOnlyList<Topic> Topics { get; }

    /// <summary>Where the lexicon came from: a file path, or "built-in".</summary>
    public string Source { get; }

    public IEnumerable<string> Ids => Topics.Select(t => t.Id);

    public Topic? Find(string id) => Topics.FirstOrDefault(t => t.Id == id);

    /// <summary>The ids of the topics whose keywords occur in <paramref name="text"/>, in lexicon order.</summary>
    public IReadOnlyList<string> Match(string text) => Match([text]);

    /// <summary>
    /// The ids of the topics whose keywords occur in any of <paramref name="texts"/> (each matched on
    /// its own: a keyword never spans two texts), in lexicon order.
    /// </summary>
    public IReadOnlyList<string> Match(IEnumerable<string> texts)
    {
        var found = new bool[Topics.Count];
        foreach (var text in texts)
        {
            var tokens = TopicText.Tokens(text).ToList();
            for (var i = 0; i < tokens.Count; i++)
            {
                if (!_byFirst.TryGetValue(tokens[i][0], out var candidates)) continue;
                foreach (var (topic, keyword) in candidates)
                    if (!found[topic] && keyword.MatchesAt(tokens, i)) found[topic] = true;
            }
        }
        return Topics.Where((_, i) => found[i]).Select(t => t.Id).ToList();
    }

    /// <summary>Orders topic ids as the lexicon does (unknown ids last), for unions of several matches.</summary>
    public IReadOnlyList<string> Ordered(IEnumerable<string> ids)
    {
        var set = ids.ToHashSet(StringComparer.Ordinal);
        var known = Topics.Select(t => t.Id).Where(set.Contains).ToList();
        return [.. known, .. set.Except(known).Order(StringComparer.Ordinal)];
    }
}
