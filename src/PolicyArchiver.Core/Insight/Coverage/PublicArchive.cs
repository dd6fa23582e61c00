namespace PolicyArchiver.Insight.Coverage;

/// <summary>
/// Whether the company itself lets readers see previous versions of its documents, as the
/// ratings score it (most Kazakh companies do not): true when a latest snapshot links to them.
/// </summary>
internal sealed record PublicArchive(bool Linked, IReadOnlyList<PublicArchiveLink> Evidence);
