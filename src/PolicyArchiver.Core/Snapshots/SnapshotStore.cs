using System.Text;
using PolicyArchiver.Capture;
using PolicyArchiver.Extraction;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Snapshots;

/// <summary>
/// Where a snapshot is stored, for live captures and imports alike: the served body, the rendered
/// DOM and the screenshot go to the blob store by digest (the same bytes are kept once), and the
/// <see cref="CapturedSnapshot"/> that the catalog records says what they are.
/// </summary>
internal sealed class SnapshotStore(IBlobStore blobs)
{
    /// <summary>A live capture's snapshot, with the further pages of a document split across several.</summary>
    public async Task<CapturedSnapshot> StoreAsync(PageCapture capture, IReadOnlyList<PageCapture> parts, CancellationToken ct)
    {
        var snapshot = await StoreAsync(capture, ct);
        var stored = new List<SnapshotPart>();
        foreach (var part in parts)
        {
            var partSnapshot = await StoreAsync(part, ct);
            stored.Add(new SnapshotPart(partSnapshot.FinalUrl, partSnapshot.BodySha256, partSnapshot.ContentType, partSnapshot.DomSha256));
        }
        return snapshot with { Parts = stored };
    }

    private Task<CapturedSnapshot> StoreAsync(PageCapture capture, CancellationToken ct) =>
        StoreAsync(capture.Body!, capture.ContentType, capture.HttpStatus ?? 200, capture.FinalUrl ?? "", capture.Headers, capture.Dom, capture.Screenshot, ct);

    /// <param name="contentType">The <c>Content-Type</c> header as served; the body's own bytes have the last word (<see cref="BodyKind"/>).</param>
    public async Task<CapturedSnapshot> StoreAsync(byte[] body, string? contentType, int httpStatus, string finalUrl, IReadOnlyDictionary<string, string> headers,
        string? dom, byte[]? screenshot, CancellationToken ct)
    {
        var bodySha = await blobs.PutAsync(body, ct);
        var domSha = dom is null ? null : await blobs.PutAsync(Encoding.UTF8.GetBytes(dom), ct);
        var shotSha = screenshot is null ? null : await blobs.PutAsync(screenshot, ct);
        var (type, charset) = BodyKind.Of(body, contentType);
        return new CapturedSnapshot(bodySha, body.LongLength, type, charset, httpStatus, finalUrl, headers, domSha, shotSha);
    }
}
