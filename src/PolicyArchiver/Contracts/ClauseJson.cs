using PolicyArchiver.Changes;
using PolicyArchiver.Insight.Clauses;

namespace PolicyArchiver.Contracts;

/// <summary>
/// The JSON shape of a clause change (in <c>history --json</c> and the API's versions): a contract,
/// fields are added, never renamed.
/// </summary>
/// <param name="Kind"><c>added</c>, <c>removed</c>, <c>modified</c> or <c>moved</c>.</param>
/// <param name="Clause">The clause's id in the newer version (in the older one when removed).</param>
/// <param name="From">The id it had before, when moved; else null.</param>
/// <param name="Heading">The innermost heading it stands under, or null.</param>
/// <param name="Before">Its text in the older version, null when added.</param>
/// <param name="After">Its text in the newer version, null when removed.</param>
/// <param name="Diff">Its word diff with <c>[-removed-]{+added+}</c> marks, when modified or moved with edits; else null.</param>
internal sealed record ClauseJson(string Kind, string Clause, string? From, string? Heading, IReadOnlyList<string> Topics, string? Before, string? After, string? Diff)
{
    public static ClauseJson Of(ClauseChange c) =>
        new(KindName(c.Kind), c.Id, c.From, c.Heading, c.Topics, c.Before?.Text, c.After?.Text, c.Diff.Count > 0 ? Marked(c.Diff) : null);

    public static string KindName(ClauseChangeKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Word-level marks as <c>diff --words</c> prints them.</summary>
    public static string Marked(IReadOnlyList<DiffPiece> pieces) =>
        string.Concat(pieces.Select(p => p.Kind switch
        {
            DiffPieceKind.Removed => "[-" + p.Text + "-]",
            DiffPieceKind.Added => "{+" + p.Text + "+}",
            _ => p.Text,
        }));
}
