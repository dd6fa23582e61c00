using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Pipeline;

/// <summary>
/// The WARC records of what a rendered page loaded: for each subresource exchange a request
/// (concurrent to its response) and a response concurrent to the page's final response, with the
/// role <c>subresource</c> in the WARC index. A payload already recorded — at this URL, at another
/// URL (<c>site.css?v=2</c> after <c>site.css?v=1</c>), or by another document's page — is a
/// revisit of that response: a site's stylesheet and fonts are written once, then referenced. The
/// WARC record is where a subresource's body lives: it does not go to the blob store.
/// </summary>
internal static class SubresourceWarc
{
    /// <param name="pageResponseId">The record id of the page's final response (or revisit), which every resource is concurrent to.</param>
    public static async Task<IReadOnlyList<(WarcRecord, string)>> RecordsAsync(Archive archive, IReadOnlyList<ServedResponse> resources, string pageResponseId,
        CancellationToken ct)
    {
        var records = new List<(WarcRecord, string)>();
        // Payloads written by this very capture (a font two stylesheets load): not in the catalog until it records them.
        var written = new Dictionary<string, (string Id, string Uri, DateTimeOffset Date)>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            var responseId = WarcRecord.NewRecordId();
            var date = WarcRecord.Date(resource.At);
            var payloadDigest = WarcDigest.Of(resource.Body);
            var head = HttpMessages.ResponseHead(resource);
            WarcRecord response;
            if (await OriginalAsync(archive, resource, payloadDigest, written, ct) is { } original)
            {
                response = CaptureWarc.Revisit(head, responseId, date, resource.Url, CaptureWarc.RevisitProfile, original.Id, original.Uri, original.Date, payloadDigest);
            }
            else
            {
                response = CaptureWarc.Response(head, responseId, date, resource, payloadDigest);
                if (!resource.Truncated && resource.Body.Length > 0) written.TryAdd(payloadDigest, (responseId, resource.Url, resource.At));
            }
            response.Add("WARC-Concurrent-To", pageResponseId);
            records.Add((CaptureWarc.Request(resource, date, responseId), WarcRecordLocation.SubresourceRole));
            records.Add((response, WarcRecordLocation.SubresourceRole));
        }
        return records;
    }

    /// <summary>
    /// The response that already holds this payload, this URL's first. A truncated body is written
    /// whole, never as a revisit, and an empty body is not referenced (its revisit would be no
    /// smaller). (A truncated response is found as an original only by a body of exactly its bytes:
    /// the payload digest says they are the same bytes.)
    /// </summary>
    private static async Task<(string Id, string Uri, DateTimeOffset Date)?> OriginalAsync(Archive archive, ServedResponse resource, string payloadDigest,
        Dictionary<string, (string Id, string Uri, DateTimeOffset Date)> written, CancellationToken ct)
    {
        if (resource.Truncated || resource.Body.Length == 0) return null;
        if (await archive.Catalog.FindPayloadAsync(payloadDigest, resource.Url, ct) is { } recorded)
            return (recorded.RecordId, recorded.TargetUri, recorded.Date);
        return written.TryGetValue(payloadDigest, out var earlier) ? earlier : null;
    }
}
