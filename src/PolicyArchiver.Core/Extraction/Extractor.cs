using PolicyArchiver.Targets;

namespace PolicyArchiver.Extraction;

/// <summary>Chooses the extraction for a snapshot by what it is: PDF bytes or an HTML page.</summary>
public static class Extractor
{
    /// <summary>
    /// Names the extraction code that produced a version; bump it when the output of the same
    /// input changes, so technical upgrades can be told from real changes.
    /// </summary>
    public const string Version = "policyarchiver-extract/1";

    /// <param name="body">The raw bytes the server sent.</param>
    /// <param name="contentType">The response's Content-Type header.</param>
    /// <param name="dom">The DOM after scripts ran, when the page was rendered; preferred over the raw HTML.</param>
    public static string Extract(Document document, byte[] body, string? contentType, string? dom)
    {
        if (PdfExtractor.IsPdf(body, contentType)) return PdfExtractor.Extract(body);
        var html = dom ?? Charset.Decode(body, contentType);
        return HtmlExtractor.Extract(html, document.Select, document.Remove);
    }
}
