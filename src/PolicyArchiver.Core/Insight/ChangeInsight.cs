using PolicyArchiver.Insight.Clauses;
using PolicyArchiver.Insight.Topics;

namespace PolicyArchiver.Insight;

/// <summary>
/// What a change between two versions did, clause by clause, and which topics it touches.
/// Derived from the two versions' texts on demand, like versions are derived from snapshots: a
/// better splitter or lexicon applies to the whole history at once, with nothing stored to migrate.
/// </summary>
/// <param name="Clauses">The clause changes in reading order, each tagged with its topics.</param>
/// <param name="Topics">The union of the clause changes' topics, in the lexicon's order.</param>
internal sealed record ChangeInsight(IReadOnlyList<ClauseChange> Clauses, IReadOnlyList<string> Topics)
{
    public static readonly ChangeInsight None = new([], []);

    public static ChangeInsight Of(string oldText, string newText, TopicLexicon lexicon)
    {
        var changes = ClauseComparer.Compare(ClauseSplitter.Split(oldText), ClauseSplitter.Split(newText))
            .Select(c => c with { Topics = lexicon.Match(ChangedSentences.Of(c)) })
            .ToList();
        return new ChangeInsight(changes, lexicon.Ordered(changes.SelectMany(c => c.Topics)));
    }
}
