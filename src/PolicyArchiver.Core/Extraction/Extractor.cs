using PolicyArchiver.Targets;

namespace PolicyArchiver.Extraction;

/// <summary>Chooses the extraction for a snapshot by what it is: a PDF, a Word document or an HTML page.</summary>
public static class Extractor
{
    /// <summary>
    /// Names the extraction code that produced a version; bump it when the output of the same
    /// input changes, so technical upgrades can be told from real changes.
    /// </summary>
    public const string Version = "policyarchiver-extract/3";

    /// <param name="body">The raw bytes the server sent.</param>
    /// <param name="contentType">The response's Content-Type header.</param>
    /// <param name="dom">The DOM after scripts ran, when the page was rendered; preferred over the raw HTML.</param>
    /// <param name="url">The final URL of the page, for making links absolute.</param>
    public static async Task<ExtractedText> ExtractAsync(Document document, byte[] body, string? contentType, string? dom, Uri? url, CancellationToken ct)
    {
        if (PdfExtractor.IsPdf(body, contentType)) return await PdfExtractor.ExtractAsync(body, ct);
        if (DocxExtractor.IsDocx(body, contentType)) return new ExtractedText(DocxExtractor.Extract(body));
        var html = dom ?? Charset.Decode(body, contentType);
        return new ExtractedText(HtmlExtractor.Extract(html, document.Rules, url));
    }

    /// <summary>The text of each of several documents served by the same page, in their order: the page is read once.</summary>
    /// <param name="markup">The page's markup when it has been read already: the DOM after scripts ran, else the served HTML decoded.</param>
    public static async Task<IReadOnlyList<ExtractedText>> ExtractAsync(IReadOnlyList<Document> documents, byte[] body, string? contentType, string? markup, Uri? url,
        CancellationToken ct)
    {
        if (PdfExtractor.IsPdf(body, contentType) || DocxExtractor.IsDocx(body, contentType))
        {
            // A PDF or a Word file has no selectors: every document it serves reads the same text.
            var text = await ExtractAsync(documents[0], body, contentType, null, url, ct);
            return documents.Select(_ => text).ToList();
        }
        var page = HtmlPage.Parse(markup ?? Charset.Decode(body, contentType));
        return documents.Select(d => new ExtractedText(HtmlExtractor.Extract(page, d.Rules, url, shared: documents.Count > 1))).ToList();
    }
}
