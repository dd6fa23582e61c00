using System.Text;
using PolicyArchiver.Capture;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Archiving;

namespace PolicyArchiver.Pipeline;

/// <summary>
/// The WARC step of recording a capture: what was served (and, for an ok capture, the screenshot,
/// DOM and text) written as WARC records, whose locations the observation carries.
/// </summary>
/// <remarks>
/// Not a subscriber to <see cref="ArchivistEvents.ObservationRecorded"/>, though it is a side effect
/// like the others: the catalog records the WARC locations in the same transaction as the
/// observation and the ledger entry that covers it, so an observation can never exist without its
/// evidence. The recorder therefore awaits this step before it records, and it is composed in
/// (<see cref="ArchivistComposition"/>) rather than written inside the pipeline.
/// </remarks>
internal sealed class WarcEvidence(Archive archive)
{
    /// <summary>The records of an ok capture and of the further pages of its document.</summary>
    public async Task<IReadOnlyList<WarcRecordLocation>> OfOkAsync(PageCapture capture, IReadOnlyList<PageCapture> parts, byte[] text, CancellationToken ct)
    {
        var dom = capture.Dom is null ? null : Encoding.UTF8.GetBytes(capture.Dom);
        var records = (await CaptureWarc.WriteAsync(archive, capture, new CaptureWarc.Resources(capture.Screenshot, dom, text), ct)).ToList();
        foreach (var part in parts)
        {
            var partDom = part.Dom is null ? null : Encoding.UTF8.GetBytes(part.Dom);
            records.AddRange(await CaptureWarc.WriteAsync(archive, part, new CaptureWarc.Resources(part.Screenshot, partDom, null), ct));
        }
        return records;
    }

    /// <summary>
    /// An attempt that yields no snapshot. What the server did send (an error page, a challenge)
    /// still goes into the WARC files: it is the evidence of the outcome.
    /// </summary>
    public Task<IReadOnlyList<WarcRecordLocation>> OfFailureAsync(PageCapture capture, CancellationToken ct) => CaptureWarc.WriteAsync(archive, capture, null, ct);

    /// <summary>The catalog did not record the capture these records were written for: later captures go to a new file.</summary>
    public Task AbandonAsync(IReadOnlyList<WarcRecordLocation> records) => archive.Warc.AbandonAsync(records);
}
