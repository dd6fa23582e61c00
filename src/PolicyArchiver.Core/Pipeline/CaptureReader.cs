using PolicyArchiver.Capture;
using PolicyArchiver.Extraction;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Pipeline;

/// <summary>
/// Reads what a capture brought: the document's text from each of its pages, and whether each page
/// is the document or a wall in its way (judged on that text).
/// </summary>
internal sealed class CaptureReader(RenderSkip renderSkip)
{
    /// <summary>The text of the whole document, all its pages in order, and the verdict on them.</summary>
    /// <exception cref="Exception">A body that cannot be read (a corrupt PDF, say).</exception>
    public async Task<(ExtractedText Text, BlockVerdict Verdict)> ReadAsync(Document document, PageCapture capture, IReadOnlyList<PageCapture> parts, CancellationToken ct)
    {
        // The unchanged-page checks may have extracted this very body or DOM already.
        var (text, ocr) = renderSkip.KnownText(capture.Dom ?? (object)capture.Body!) is { } known
            ? new ExtractedText(known)
            : await Extractor.ExtractAsync(document, capture.Body!, capture.ContentType, capture.Dom,
                capture.FinalUrl is { } final ? new Uri(final) : document.Url, ct);
        var verdict = BlockDetector.Judge(document, PageContent.Of(capture, text, document.Url));
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var (partText, partOcr) = await Extractor.ExtractAsync(document, part.Body!, part.ContentType, part.Dom, new Uri(part.FinalUrl!), ct);
            (text, ocr) = (text + partText, ocr || partOcr);
            verdict = verdict.Then(BlockDetector.Judge(document, PageContent.Of(part, partText, document.Combine[i])), $"page {i + 2} of the document ({document.Combine[i]})");
        }
        return (new ExtractedText(text, ocr), verdict);
    }

    /// <summary>The text of a capture of a single page, or null when the page is not the document (a wall, a placeholder) or cannot be read.</summary>
    public static async Task<(ExtractedText Text, BlockVerdict Verdict)?> TextOfAsync(Document document, PageCapture capture, CancellationToken ct)
    {
        try
        {
            var extracted = await Extractor.ExtractAsync(document, capture.Body!, capture.ContentType, capture.Dom,
                capture.FinalUrl is { } final ? new Uri(final) : document.Url, ct);
            var verdict = BlockDetector.Judge(document, PageContent.Of(capture, extracted.Text, document.Url));
            return verdict.Blocked ? null : (extracted, verdict);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }
}
