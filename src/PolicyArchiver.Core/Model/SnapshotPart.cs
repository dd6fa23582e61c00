namespace PolicyArchiver.Model;

/// <summary>A further page of a document split across several URLs (<c>combine</c>), kept with the snapshot of its first page.</summary>
public sealed record SnapshotPart(string Url, string BodySha256, string ContentType, string? DomSha256);
