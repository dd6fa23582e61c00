namespace PolicyArchiver.Insight.Clauses;

/// <summary>What happened to a clause between two versions. Unchanged clauses are not reported.</summary>
internal enum ClauseChangeKind
{
    /// <summary>In the newer version only.</summary>
    Added,

    /// <summary>In the older version only.</summary>
    Removed,

    /// <summary>Same id, different text.</summary>
    Modified,

    /// <summary>Same or similar text under another id (renumbered, or moved elsewhere); its text may also have changed.</summary>
    Moved,
}
