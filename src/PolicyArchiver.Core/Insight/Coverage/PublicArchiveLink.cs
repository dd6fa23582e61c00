namespace PolicyArchiver.Insight.Coverage;

/// <summary>A link on a company's document page to earlier versions of its documents: the evidence for <see cref="PublicArchive"/>.</summary>
/// <param name="Document">The document whose latest snapshot has the link.</param>
/// <param name="Text">The link's text as shown, white space collapsed.</param>
/// <param name="Url">Where it leads, absolute.</param>
internal sealed record PublicArchiveLink(string Document, string Text, string Url);
