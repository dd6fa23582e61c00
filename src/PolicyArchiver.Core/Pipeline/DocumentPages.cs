using PolicyArchiver.Capture;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Pipeline;

/// <summary>
/// The further pages of a document split across several (<see cref="Document.Combine"/>). A
/// document is captured whole or not at all: the first page that fails makes the capture fail.
/// </summary>
internal sealed class DocumentPages(Capturer capturer, HostResilience hosts)
{
    /// <summary>
    /// Captures the pages after the first, ok one; returns the capture as it stands after them (failed,
    /// naming the page, when one failed) and the pages captured.
    /// </summary>
    public async Task<(PageCapture Capture, IReadOnlyList<PageCapture> Parts)> CaptureRestAsync(Document document, PageCapture first, CancellationToken ct)
    {
        var capture = first;
        var parts = new List<PageCapture>();
        for (var i = 0; i < document.Combine.Count && capture.Outcome == Outcome.Ok; i++)
        {
            var page = document with { Url = document.Combine[i], Combine = [] };
            var part = await hosts.For(page.Url.Host).ExecuteAsync(token => new ValueTask<PageCapture>(capturer.CaptureAsync(page, token)), ct);
            if (part.Outcome != Outcome.Ok || part.Body is null)
                capture = capture with { Outcome = part.Outcome, Detail = $"page {i + 2} of the document ({page.Url}): {part.Detail ?? part.Outcome.ToWire()}", Body = null };
            else
                parts.Add(part);
        }
        return (capture, parts);
    }
}
