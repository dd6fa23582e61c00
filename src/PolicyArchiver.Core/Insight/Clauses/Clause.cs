namespace PolicyArchiver.Insight.Clauses;

/// <summary>
/// A clause of a version's text: a numbered paragraph or a heading, with the unnumbered lines
/// (list items, paragraphs) that follow it. Researchers cite clauses by number («п. 5.2»), so a
/// change is reported per clause rather than per line.
/// </summary>
/// <param name="Id">
/// Its number ("5.2", "7", "IV"); else, for a heading without number, the heading's text; else
/// "§N" by position (text before the first clause). A number met again in the same text gets
/// "#2", "#3" so that ids stay unique.
/// </param>
/// <param name="Number">The number as written, or null for unnumbered clauses.</param>
/// <param name="HeadingPath">The headings (<c>#</c> lines) the clause stands under, outermost first, without their markers.</param>
/// <param name="Text">
/// The clause's lines as they are in the version's text, joined by newlines, less any bullet before
/// a number («● 1.1.» is kept as «1.1.»): a bullet is layout, not a change of the clause.
/// </param>
/// <param name="Body">
/// The text without the leading heading marker and number: what stays the same when a clause is
/// only renumbered, so it is what similarity compares.
/// </param>
/// <param name="Position">1-based position among the text's clauses.</param>
/// <param name="IsHeading">Whether the clause starts at a heading line.</param>
internal sealed record Clause(string Id, string? Number, IReadOnlyList<string> HeadingPath, string Text, string Body, int Position, bool IsHeading)
{
    /// <summary>The innermost heading the clause stands under, if any.</summary>
    public string? Heading => HeadingPath.Count > 0 ? HeadingPath[^1] : null;
}
