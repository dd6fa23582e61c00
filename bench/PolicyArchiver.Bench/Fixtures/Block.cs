namespace PolicyArchiver.Bench.Fixtures;

/// <summary>
/// One block of a generated policy: a heading, a numbered clause or a list. Kept as data so the
/// same document can be rendered as static HTML, as a script-rendered page or as a PDF.
/// </summary>
/// <param name="Tag">h1, h2, p, ul or ol.</param>
/// <param name="Text">The text of a heading or clause; for lists, the lead-in (may be empty).</param>
/// <param name="Items">List items, for ul and ol.</param>
public sealed record Block(string Tag, string Text, IReadOnlyList<string> Items)
{
    public static Block Of(string tag, string text) => new(tag, text, []);
}
