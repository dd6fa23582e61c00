using PolicyArchiver.Capture;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage;
using PolicyArchiver.Archiving;
using PolicyArchiver.Snapshots;

namespace PolicyArchiver.Pipeline;

/// <summary>
/// The WARC records of one capture: a request and a response for every HTTP exchange of the main
/// document (a revisit when the same URL already served the same payload), and resource records
/// for the screenshot, the rendered DOM and the extracted text the first time those bytes appear.
/// </summary>
internal static class CaptureWarc
{
    public const string RevisitProfile = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest";

    public sealed record Resources(byte[]? Screenshot, byte[]? Dom, byte[]? Text);

    public static async Task<IReadOnlyList<WarcRecordLocation>> WriteAsync(Archive archive, PageCapture capture, Resources? resources, CancellationToken ct)
    {
        if (capture.Hops.Count == 0) return [];
        var records = new List<(WarcRecord, string)>();
        string? lastResponseId = null;
        var lastDate = "";
        foreach (var hop in capture.Hops)
        {
            var responseId = WarcRecord.NewRecordId();
            var date = WarcRecord.Date(hop.At);
            var payloadDigest = WarcDigest.Of(hop.Body);
            var original = await archive.Catalog.FindResponseAsync(hop.Url, payloadDigest, ct);
            WarcRecord response;
            if (original is null)
            {
                // The body follows the head as it is: a huge page is not copied into a block of its own.
                var head = HttpMessages.ResponseHead(hop);
                response = new WarcRecord { Block = head, BlockTail = hop.Body }
                    .Add("WARC-Type", "response")
                    .Add("WARC-Record-ID", responseId)
                    .Add("WARC-Date", date)
                    .Add("WARC-Target-URI", hop.Url)
                    .Add("Content-Type", "application/http;msgtype=response")
                    .Add("WARC-Block-Digest", WarcDigest.Of(head, hop.Body))
                    .Add("WARC-Payload-Digest", payloadDigest);
                if (hop.Truncated) response.Add("WARC-Truncated", "length");
            }
            else
            {
                // Same bytes as before: the response header fields are kept, the payload is referenced.
                var head = HttpMessages.ResponseHead(hop);
                response = new WarcRecord { Block = head }
                    .Add("WARC-Type", "revisit")
                    .Add("WARC-Record-ID", responseId)
                    .Add("WARC-Date", date)
                    .Add("WARC-Target-URI", hop.Url)
                    .Add("WARC-Profile", RevisitProfile)
                    .Add("WARC-Refers-To", original.RecordId)
                    .Add("WARC-Refers-To-Target-URI", original.TargetUri)
                    .Add("WARC-Refers-To-Date", WarcRecord.Date(original.Date))
                    .Add("Content-Type", "application/http;msgtype=response")
                    .Add("WARC-Block-Digest", WarcDigest.Of(head))
                    .Add("WARC-Payload-Digest", payloadDigest);
            }
            var requestBlock = HttpMessages.Request(new Uri(hop.Url), hop.RequestHeaders);
            var request = new WarcRecord { Block = requestBlock }
                .Add("WARC-Type", "request")
                .Add("WARC-Record-ID", WarcRecord.NewRecordId())
                .Add("WARC-Date", date)
                .Add("WARC-Target-URI", hop.Url)
                .Add("WARC-Concurrent-To", responseId)
                .Add("Content-Type", "application/http;msgtype=request")
                .Add("WARC-Block-Digest", WarcDigest.Of(requestBlock));
            records.Add((request, "request"));
            records.Add((response, response.Type));
            lastResponseId = responseId;
            lastDate = date;
        }

        if (resources is not null)
        {
            var uri = capture.Hops[^1].Url;
            foreach (var (role, bytes, type) in new[]
                     {
                         ("screenshot", resources.Screenshot, ScreenshotKind.MediaType(ScreenshotKind.Of(resources.Screenshot))),
                         ("dom", resources.Dom, "text/html; charset=utf-8"),
                         ("text", resources.Text, "text/plain; charset=utf-8"),
                     })
            {
                if (bytes is null) continue;
                var digest = WarcDigest.Of(bytes);
                if (await archive.Catalog.FindBlockAsync(role, digest, ct) is not null) continue;
                records.Add((new WarcRecord { Block = bytes }
                    .Add("WARC-Type", "resource")
                    .Add("WARC-Record-ID", WarcRecord.NewRecordId())
                    .Add("WARC-Date", lastDate)
                    .Add("WARC-Target-URI", $"urn:policyarchiver:{role}:{uri}")
                    .Add("WARC-Concurrent-To", lastResponseId)
                    .Add("Content-Type", type)
                    .Add("WARC-Block-Digest", digest), role));
            }
        }
        return await archive.Warc.WriteAsync(records, ct);
    }
}
