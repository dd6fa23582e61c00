using PolicyArchiver.Insight;
using PolicyArchiver.Insight.Clauses;

namespace PolicyArchiver.Cli.Commands;

/// <summary>
/// One line per clause change, as <c>diff</c> prints them before the line diff:
/// <c>~ 5.2 modified [retention]</c>, <c>+ 6.4 added [third-parties]</c>, <c>- 4.3 removed [algorithms]</c>,
/// <c>&gt; 3.4 → 3.5 moved</c>.
/// </summary>
internal static class ClauseSummary
{
    public static IEnumerable<string> Lines(ChangeInsight insight) => insight.Clauses.Select(Line);

    public static string Line(ClauseChange c)
    {
        var topics = c.Topics.Count > 0 ? $" [{string.Join(", ", c.Topics)}]" : "";
        return c.Kind switch
        {
            ClauseChangeKind.Added => $"+ {c.Id} added{topics}",
            ClauseChangeKind.Removed => $"- {c.Id} removed{topics}",
            ClauseChangeKind.Modified => $"~ {c.Id} modified{topics}",
            _ => $"> {c.From} → {c.Id} moved{(c.TextChanged ? " (edited)" : "")}{topics}",
        };
    }

    /// <summary>Topic ids in brackets for a text listing, or nothing when the change touches none.</summary>
    public static string Topics(IReadOnlyList<string> topics) => topics.Count > 0 ? $"  [{string.Join(", ", topics)}]" : "";
}
