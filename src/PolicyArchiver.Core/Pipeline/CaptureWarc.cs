using PolicyArchiver.Capture;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage;
using PolicyArchiver.Archiving;
using PolicyArchiver.Snapshots;

namespace PolicyArchiver.Pipeline;

/// <summary>
/// The WARC records of one capture: a request and a response for every HTTP exchange of the main
/// document (a revisit when the same URL already served the same payload, or a revisit of our own
/// <see cref="DeltaRevisit.Profile"/> when the blob store keeps the body as a delta against a body that
/// URL served before), resource records
/// for the screenshot, the rendered DOM and the extracted text the first time those bytes appear,
/// and the request and response of every subresource the render loaded (<see cref="SubresourceWarc"/>).
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
            var head = HttpMessages.ResponseHead(hop);
            WarcRecord response;
            if (original is not null)
            {
                // Same bytes as before: the response header fields are kept, the payload is referenced.
                response = Revisit(head, responseId, date, hop.Url, RevisitProfile, original, payloadDigest);
            }
            else if (await DeltaBaseResponseAsync(archive, hop, payloadDigest, ct) is ({ } baseResponse, { } baseDigest))
            {
                // The blob store keeps this body as a delta against a body this URL served before:
                // the record does not carry the body a second time either (DeltaRevisit).
                response = Revisit(head, responseId, date, hop.Url, DeltaRevisit.Profile, baseResponse, payloadDigest)
                    .Add(DeltaRevisit.BaseHeader, baseDigest);
                if (hop.Truncated) response.Add("WARC-Truncated", "length");
            }
            else
            {
                response = Response(head, responseId, date, hop, payloadDigest);
            }
            records.Add((Request(hop, date, responseId), "request"));
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
        // The page's resources last, each pair concurrent to the page's final response.
        records.AddRange(await SubresourceWarc.RecordsAsync(archive, capture.Resources, lastResponseId!, ct));
        return await archive.Warc.WriteAsync(records, ct);
    }

    /// <summary>A response record whose body follows the head as it is: a huge page is not copied into a block of its own.</summary>
    internal static WarcRecord Response(byte[] head, string responseId, string date, ServedResponse served, string payloadDigest)
    {
        var response = new WarcRecord { Block = head, BlockTail = served.Body }
            .Add("WARC-Type", "response")
            .Add("WARC-Record-ID", responseId)
            .Add("WARC-Date", date)
            .Add("WARC-Target-URI", served.Url)
            .Add("Content-Type", "application/http;msgtype=response")
            .Add("WARC-Block-Digest", WarcDigest.Of(head, served.Body))
            .Add("WARC-Payload-Digest", payloadDigest);
        if (served.Truncated) response.Add("WARC-Truncated", "length");
        return response;
    }

    /// <summary>The request record of an exchange, as we sent it (method, fields, body), concurrent to its response.</summary>
    internal static WarcRecord Request(ServedResponse served, string date, string responseId)
    {
        var block = HttpMessages.Request(new Uri(served.Url), served.RequestHeaders, served.Method, served.RequestBody);
        return new WarcRecord { Block = block }
            .Add("WARC-Type", "request")
            .Add("WARC-Record-ID", WarcRecord.NewRecordId())
            .Add("WARC-Date", date)
            .Add("WARC-Target-URI", served.Url)
            .Add("WARC-Concurrent-To", responseId)
            .Add("Content-Type", "application/http;msgtype=request")
            .Add("WARC-Block-Digest", WarcDigest.Of(block));
    }

    internal static WarcRecord Revisit(byte[] head, string responseId, string date, string url, string profile, WarcRecordLocation original, string payloadDigest) =>
        Revisit(head, responseId, date, url, profile, original.RecordId, original.TargetUri, original.Date, payloadDigest);

    /// <param name="originalId">The response record holding the payload, which may be of another URL (WARC 1.1, 6.7.2).</param>
    internal static WarcRecord Revisit(byte[] head, string responseId, string date, string url, string profile, string originalId, string originalUri,
        DateTimeOffset originalDate, string payloadDigest) =>
        new WarcRecord { Block = head }
            .Add("WARC-Type", "revisit")
            .Add("WARC-Record-ID", responseId)
            .Add("WARC-Date", date)
            .Add("WARC-Target-URI", url)
            .Add("WARC-Profile", profile)
            .Add("WARC-Refers-To", originalId)
            .Add("WARC-Refers-To-Target-URI", originalUri)
            .Add("WARC-Refers-To-Date", WarcRecord.Date(originalDate))
            .Add("Content-Type", "application/http;msgtype=response")
            .Add("WARC-Block-Digest", WarcDigest.Of(head))
            .Add("WARC-Payload-Digest", payloadDigest);

    /// <summary>
    /// When the blob store keeps the hop's body as a delta, the response record of its base body at
    /// the same URL, and the base's digest; null when the body is stored whole or the base was served elsewhere.
    /// </summary>
    private static async Task<(WarcRecordLocation, string)?> DeltaBaseResponseAsync(Archive archive, ServedResponse hop, string payloadDigest, CancellationToken ct)
    {
        if (hop.Body.Length == 0) return null;
        var sha = WarcDigest.Hex(payloadDigest)!;
        if (await archive.Blobs.GetDeltaAsync(sha, ct) is not { } delta) return null;
        var baseDigest = WarcDigest.Prefix + BlobDelta.BaseOf(delta, archive.Blobs.Locate(sha, BlobDelta.Space));
        return await archive.Catalog.FindResponseAsync(hop.Url, baseDigest, ct) is { } baseResponse ? (baseResponse, baseDigest) : null;
    }
}
