namespace PolicyArchiver.Model;

/// <summary>
/// What the site served for one ok observation: the raw main-response body (its SHA-256 is the
/// snapshot's identity), status, headers and final URL, plus what the browser rendered.
/// The bytes themselves live in the blob store, content-addressed.
/// </summary>
public sealed record Snapshot(
    long ObservationId,
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
    /// <summary>The further pages of a combined document, in order; empty for a single page.</summary>
    public IReadOnlyList<SnapshotPart> Parts { get; init; } = [];
}
