namespace PolicyArchiver.Changes;

/// <summary>
/// A run of words of a word diff, with the whitespace between them. Readers of a diff (the text
/// marks of <see cref="TextDiff.WordLevel"/>, HTML with del/ins) render the same pieces their own way.
/// </summary>
internal sealed record DiffPiece(DiffPieceKind Kind, string Text);
