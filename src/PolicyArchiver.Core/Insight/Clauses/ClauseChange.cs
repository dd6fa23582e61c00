using PolicyArchiver.Changes;

namespace PolicyArchiver.Insight.Clauses;

/// <summary>One clause's change between two versions, with the word diff of its text where it has one on each side.</summary>
/// <param name="Before">The clause in the older version; null when added.</param>
/// <param name="After">The clause in the newer version; null when removed.</param>
/// <param name="Diff">The word diff of <see cref="Before"/>'s and <see cref="After"/>'s texts; empty when added, removed or moved unchanged.</param>
internal sealed record ClauseChange(ClauseChangeKind Kind, Clause? Before, Clause? After, IReadOnlyList<DiffPiece> Diff)
{
    /// <summary>The clause's id as the newer version numbers it (the older one's for a removed clause).</summary>
    public string Id => (After ?? Before)!.Id;

    /// <summary>The id the clause had before, for a moved clause; null otherwise.</summary>
    public string? From => Kind == ClauseChangeKind.Moved ? Before!.Id : null;

    /// <summary>The innermost heading the clause stands under, in the newer version if it is there.</summary>
    public string? Heading => (After ?? Before)!.Heading;

    /// <summary>Whether the words changed (a clause moved unchanged has not).</summary>
    public bool TextChanged => Kind != ClauseChangeKind.Moved || Diff.Count > 0;

    /// <summary>Ids of the lexicon's topics the change touches; empty until tagged (see <c>ChangeInsight</c>).</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];
}
