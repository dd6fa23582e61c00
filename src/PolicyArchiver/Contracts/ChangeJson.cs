using PolicyArchiver.Storage;

namespace PolicyArchiver.Contracts;

/// <summary>The JSON shape of a change (<c>changes --json</c>, <c>/api/changes</c>): a contract, fields are added, never renamed.</summary>
/// <param name="Topics">The topics its clause changes touch, in the lexicon's order.</param>
internal sealed record ChangeJson(string Document, int FromVersion, int ToVersion, DateTimeOffset At, int LinesAdded, int LinesRemoved, int WordsAdded, int WordsRemoved, bool Technical,
    IReadOnlyList<string> Topics)
{
    public static ChangeJson From(Change c, IReadOnlyList<string> topics) =>
        new(c.Document, c.FromVersion, c.ToVersion, c.At.ToUniversalTime(), c.LinesAdded, c.LinesRemoved, c.WordsAdded, c.WordsRemoved, c.Technical, topics);
}
