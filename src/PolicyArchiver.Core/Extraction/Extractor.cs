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
}
