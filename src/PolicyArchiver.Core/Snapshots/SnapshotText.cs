using System.Text;
using PolicyArchiver.Extraction;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Snapshots;

/// <summary>The text of a stored snapshot under the document's current rules, all its pages included.</summary>
internal static class SnapshotText
{
    public static async Task<ExtractedText> ExtractAsync(IBlobStore blobs, Document document, Snapshot snapshot, CancellationToken ct)
    {
        var result = await ExtractPageAsync(blobs, document, snapshot.BodySha256, snapshot.ContentType, snapshot.DomSha256, snapshot.FinalUrl, ct);
        foreach (var part in snapshot.Parts)
        {
            var page = await ExtractPageAsync(blobs, document, part.BodySha256, part.ContentType, part.DomSha256, part.Url, ct);
            result = new ExtractedText(result.Text + page.Text, result.OcrDerived || page.OcrDerived);
        }
        return result;
    }

    private static async Task<ExtractedText> ExtractPageAsync(IBlobStore blobs, Document document, string bodySha, string contentType, string? domSha, string url, CancellationToken ct)
    {
        var body = await blobs.GetAsync(bodySha, ct);
        var dom = domSha is { } d ? Encoding.UTF8.GetString(await blobs.GetAsync(d, ct)) : null;
        return await Extractor.ExtractAsync(document, body, contentType, dom, new Uri(url), ct);
    }
}
