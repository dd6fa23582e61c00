namespace PolicyArchiver.Evidence.Warc;

/// <summary>Where a WARC record was written, and what it holds: the catalog's pointer into the WARC files.</summary>
/// <param name="Role">What the record is for this capture: request, response, revisit, screenshot, dom, text, warcinfo, or subresource (a page resource's request or response).</param>
/// <param name="File">Path relative to the archive directory, with forward slashes.</param>
internal sealed record WarcRecordLocation(
    string RecordId,
    string Type,
    string Role,
    string TargetUri,
    DateTimeOffset Date,
    string File,
    long Offset,
    long Length,
    string BlockDigest,
    string? PayloadDigest)
{
    /// <summary>The role of the request and response records of a resource a rendered page loaded (its WARC-Type stays request, response or revisit).</summary>
    public const string SubresourceRole = "subresource";
}
