namespace PolicyArchiver.Insight.Coverage;

/// <summary>A document as targets.json declares it: what coverage compares the archive against.</summary>
internal sealed record CoveredDocument(string Key, string Type, string Language);
