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
/// <remarks>
/// A body (and a DOM) is stored as a delta against the same page of the document's previous
/// snapshot when that is much smaller (<see cref="BlobDelta"/>): a page that only differs by a
/// token or a timestamp then adds a few dozen bytes. Screenshots are always stored whole.
/// </remarks>
internal sealed class SnapshotStore(IBlobStore blobs, IObservationCatalog observations)
{
    /// <summary>A live capture's snapshot, with the further pages of a document split across several.</summary>
    public async Task<CapturedSnapshot> StoreAsync(string document, PageCapture capture, IReadOnlyList<PageCapture> parts, CancellationToken ct)
    {
        var previous = await observations.GetLatestSnapshotAsync(document, ct);
        var snapshot = await StoreAsync(capture, previous?.BodySha256, previous?.DomSha256, ct);
        var stored = new List<SnapshotPart>();
        for (var i = 0; i < parts.Count; i++)
        {
            var previousPart = previous is not null && i < previous.Parts.Count ? previous.Parts[i] : null;
            var partSnapshot = await StoreAsync(parts[i], previousPart?.BodySha256, previousPart?.DomSha256, ct);
            stored.Add(new SnapshotPart(partSnapshot.FinalUrl, partSnapshot.BodySha256, partSnapshot.ContentType, partSnapshot.DomSha256));
        }
        return snapshot with { Parts = stored };
    }

    private Task<CapturedSnapshot> StoreAsync(PageCapture capture, string? bodyBase, string? domBase, CancellationToken ct) =>
        StoreAsync(capture.Body!, capture.ContentType, capture.HttpStatus ?? 200, capture.FinalUrl ?? "", capture.Headers, capture.Dom, capture.Screenshot, ct,
            bodyBase, domBase);

    /// <summary>An imported record's snapshot, a delta against the document's previous one when that pays.</summary>
    public async Task<CapturedSnapshot> StoreAsync(string document, byte[] body, string? contentType, int httpStatus, string finalUrl,
        IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        var previous = await observations.GetLatestSnapshotAsync(document, ct);
        return await StoreAsync(body, contentType, httpStatus, finalUrl, headers, null, null, ct, previous?.BodySha256);
    }

    /// <param name="contentType">The <c>Content-Type</c> header as served; the body's own bytes have the last word (<see cref="BodyKind"/>).</param>
    /// <param name="bodyBase">The blob the body may be stored as a delta against; null stores it whole.</param>
    private async Task<CapturedSnapshot> StoreAsync(byte[] body, string? contentType, int httpStatus, string finalUrl, IReadOnlyDictionary<string, string> headers,
        string? dom, byte[]? screenshot, CancellationToken ct, string? bodyBase = null, string? domBase = null)
    {
        var bodySha = await BlobDelta.PutAsync(blobs, body, bodyBase, ct);
        var domSha = dom is null ? null : await BlobDelta.PutAsync(blobs, Encoding.UTF8.GetBytes(dom), domBase, ct);
        var shotSha = screenshot is null ? null : await blobs.PutAsync(screenshot, ct);
        var (type, charset) = BodyKind.Of(body, contentType);
        return new CapturedSnapshot(bodySha, body.LongLength, type, charset, httpStatus, finalUrl, headers, domSha, shotSha);
    }
}
