using PolicyArchiver.Extraction;

namespace PolicyArchiver.Capture;

/// <summary>
/// What a <see cref="BlockVerdict"/> is drawn from: the page as the server sent it and as the
/// browser rendered it, and the document's text extracted from it by the document's own rules.
/// </summary>
/// <param name="Headers">Response header fields by lowercase name.</param>
/// <param name="Html">The HTML as served; null for a PDF or a Word file.</param>
/// <param name="Dom">The DOM after scripts ran, when the page was rendered.</param>
/// <param name="Text">The document's extracted text.</param>
/// <param name="Requested">The address the page was asked for.</param>
/// <param name="Final">Where it was served from after redirects, when known.</param>
internal sealed record PageContent(IReadOnlyDictionary<string, string> Headers, string? Html, string? Dom, string Text, Uri Requested, Uri? Final)
{
    /// <summary>A served body, read as HTML unless it is a PDF or a Word file.</summary>
    public static PageContent Of(IReadOnlyDictionary<string, string> headers, byte[] body, string? dom, string text, Uri requested, Uri? final)
    {
        var contentType = headers.GetValueOrDefault("content-type");
        var html = PdfExtractor.IsPdf(body, contentType) || DocxExtractor.IsDocx(body, contentType) ? null : Charset.Decode(body, contentType);
        return new PageContent(headers, html, dom, text, requested, final);
    }

    public static PageContent Of(PageCapture capture, string text, Uri requested) =>
        Of(capture.Headers, capture.Body ?? [], capture.Dom, text, requested, capture.FinalUrl is { } final ? new Uri(final) : null);

    /// <summary>The page's markup as rendered, else as served: what a <c>select</c> is matched against.</summary>
    public string? Markup => Dom ?? Html;

    /// <summary>
    /// What the markup alone says, worked out once however many documents of the page are judged:
    /// copies made with <c>with</c> (another document's text) share it.
    /// </summary>
    internal MarkupFindings Findings { get; } = new();

    internal sealed class MarkupFindings
    {
        public object? Value;
    }
}
