namespace PolicyArchiver.Insight.Discovery;

/// <summary>
/// What one look at a company's homepage found: the pages visited, every link to a policy
/// document, and for each document of targets.json whether it is linked and how deep.
/// </summary>
/// <param name="Outcome">"ok", or why the homepage could not be read (the same outcomes as observations).</param>
internal sealed record DiscoveryReport(
    string Company,
    DateTimeOffset At,
    string Outcome,
    string? Detail,
    IReadOnlyList<VisitedPage> Pages,
    IReadOnlyList<DiscoveredLink> Links,
    IReadOnlyList<TrackedDocument> Documents)
{
    /// <summary>Links to policy documents that targets.json does not list: candidates to add.</summary>
    public IEnumerable<DiscoveredLink> Candidates => Links.Where(l => l.Document is null);
}

/// <summary>A page read during discovery: the homepage (depth 0), a language variant of it (0), or a page of documents (1).</summary>
internal sealed record VisitedPage(string Url, string? Language, int Depth, string Role);

/// <summary>
/// A link to a policy document. <see cref="Depth"/> is the number of clicks from the homepage:
/// 1 when the homepage (or its language variant) links it, 2 when a page of documents does.
/// </summary>
internal sealed record DiscoveredLink(string Url, string Text, string Type, string Language, int Depth, string FoundOn, string? Document);

/// <summary>A document of targets.json and whether the company's pages link it now.</summary>
internal sealed record TrackedDocument(string Document, string Url, bool Linked, int? Depth);
