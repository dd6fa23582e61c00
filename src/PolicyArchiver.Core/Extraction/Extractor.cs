using PolicyArchiver.Targets;

namespace PolicyArchiver.Extraction;

/// <summary>Reads a snapshot's text with the first of <see cref="DocumentFormats"/> that recognises it: a PDF, a Word document or an HTML page.</summary>
internal static class Extractor
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
    public static async Task<ExtractedText> ExtractAsync(Document document, byte[] body, string? contentType, string? dom, Uri? url, CancellationToken ct) =>
        (await ExtractAsync([document], body, contentType, dom, url, ct))[0];

    /// <summary>The text of each of several documents served by the same page, in their order: the page is read once.</summary>
    /// <param name="markup">The page's markup when it has been read already: the DOM after scripts ran, else the served HTML decoded.</param>
    public static Task<IReadOnlyList<ExtractedText>> ExtractAsync(IReadOnlyList<Document> documents, byte[] body, string? contentType, string? markup, Uri? url,
        CancellationToken ct) =>
        DocumentFormats.Of(body, contentType).ExtractAsync(documents, body, contentType, markup, url, ct);
}
