using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Evidence.Verification;

/// <summary>
/// The records a capture writes, in the order it writes them (see <c>CaptureWarc</c>): a new file
/// opens with its warcinfo; then, per capture, each hop as a request followed by the response (or
/// revisit) it is concurrent to, then the capture's screenshot, DOM and text resources concurrent
/// to the last response, then each resource the render loaded as a request and its response (the
/// response concurrent to the page's). A record appended by hand rarely has this shape; one that does is still
/// named in a warning, since no observation refers to it.
/// </summary>
internal static class CaptureShape
{
    /// <summary>What breaks the shape, or null when the records are what an interrupted capture leaves.</summary>
    public static string? Why(IReadOnlyList<WarcRecord> records, bool startsFile)
    {
        var i = 0;
        if (startsFile)
        {
            if (records.Count == 0 || records[0].Type != "warcinfo") return "a WARC file of this archive opens with its warcinfo record";
            i = 1;
        }
        string? lastResponse = null;
        while (i < records.Count)
        {
            var record = records[i];
            if (record.Type == "request")
            {
                if (i + 1 == records.Count) return null; // cut between the request and its response
                var response = records[i + 1];
                if (response.Type is not ("response" or "revisit") || response.RecordId != record["WARC-Concurrent-To"])
                    return $"request {record.RecordId} is not followed by the response it is concurrent to";
                lastResponse = response.RecordId;
                i += 2;
            }
            else if (record.Type == "resource" && lastResponse is not null && record["WARC-Concurrent-To"] == lastResponse) i++;
            else return $"a {record.Type} record {record.RecordId} where a capture writes a request{(lastResponse is null ? "" : " or a resource of the response before it")}";
        }
        return null;
    }
}
