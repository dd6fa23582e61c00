namespace PolicyArchiver.Targets;

/// <summary>A company whose public documents are archived.</summary>
internal sealed record Company(
    string Id,
    string Name,
    string Sector,
    Uri Homepage,
    string Country,
    IReadOnlyList<Document> Documents);
