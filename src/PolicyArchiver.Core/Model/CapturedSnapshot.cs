namespace PolicyArchiver.Model;

/// <summary>What one ok capture stored: the served body and what the browser rendered, by digest.</summary>
public sealed record CapturedSnapshot(
    string BodySha256,
    long BodySize,
    string ContentType,
    string? Charset,
    int HttpStatus,
    string FinalUrl,
    IReadOnlyDictionary<string, string> Headers,
    string? DomSha256,
    string? ScreenshotSha256)
{
    public IReadOnlyList<SnapshotPart> Parts { get; init; } = [];
}
