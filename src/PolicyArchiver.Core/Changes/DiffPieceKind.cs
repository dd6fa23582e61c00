namespace PolicyArchiver.Changes;

/// <summary>Whether a piece of a word diff is in both versions, only the old one or only the new one.</summary>
internal enum DiffPieceKind
{
    Kept,
    Removed,
    Added,
}
