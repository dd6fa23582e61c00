namespace PolicyArchiver.Changes;

/// <summary>A block of changed lines as a word diff, from <paramref name="Line"/> (1-based, in the new text) on.</summary>
internal sealed record ChangedLines(int Line, IReadOnlyList<DiffPiece> Pieces);
