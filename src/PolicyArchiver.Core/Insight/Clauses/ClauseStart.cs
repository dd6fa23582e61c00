namespace PolicyArchiver.Insight.Clauses;

/// <summary>What a line says about where it stands: a heading, a clause number, both or neither.</summary>
/// <param name="HeadingLevel">1 for <c>#</c>, 2 for <c>##</c>…; 0 when the line is not a heading.</param>
/// <param name="Number">The clause number ("5.2"), or null.</param>
/// <param name="Marker">
/// How the number is written: '.' («1.»), ')' («1)»), or ' ' for every other form (multi-level
/// without a dot, «5-бап», «Статья 5»). Lists of one style inside clauses of another are list items.
/// </param>
/// <param name="Rest">The line after its heading marker and number: its words.</param>
/// <param name="Listable">
/// A one-level number «1.» or «1)»: such lines are also how ordered list items are written, so they
/// may continue a clause instead of starting one.
/// </param>
/// <param name="Line">The line as the clause keeps it: as written, less a bullet before its number.</param>
internal sealed record ClauseStart(int HeadingLevel, string? Number, char Marker, string Rest, bool Listable, string Line)
{
    public bool IsHeading => HeadingLevel > 0;

    /// <summary>How many levels the number has: 2 for "5.2".</summary>
    public int Depth => Number is null ? 0 : Number.Count(c => c == '.') + 1;
}
