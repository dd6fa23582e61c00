using PolicyArchiver.Targets;

namespace PolicyArchiver.Extraction;

/// <summary>
/// An HTML page, and any body no other format recognises: decoded by its charset (or taken as the
/// DOM after scripts ran), parsed once and read by <see cref="HtmlExtractor"/> with each document's rules.
/// </summary>
internal sealed class HtmlFormat : IDocumentFormat
{
    public const string ContentType = "text/html";

    public string Name => "html";

    /// <summary>XHTML first: its type contains "html" too.</summary>
    public IReadOnlyList<(string Fragment, string Extension)> Extensions { get; } = [("xhtml", ".xhtml"), ("html", ".html")];

    /// <summary>Any body: the last resort of <see cref="DocumentFormats"/>.</summary>
    public bool Recognises(ReadOnlySpan<byte> body, string? contentType) => true;

    /// <summary>Nothing in the bytes: HTML is what an unlabelled body is taken for when no format claims it.</summary>
    public string? GuessContentType(ReadOnlySpan<byte> body) => null;

    public string? CharsetOf(ReadOnlySpan<byte> body, string contentType) => Charset.Detect(body, contentType);

    public Task<IReadOnlyList<ExtractedText>> ExtractAsync(IReadOnlyList<Document> documents, byte[] body, string? contentType, string? markup, Uri? url,
        CancellationToken ct)
    {
        var page = HtmlPage.Parse(markup ?? Charset.Decode(body, contentType));
        // Alone on its page, a document may trim the parse in place; shared, each reads it as parsed.
        return Task.FromResult<IReadOnlyList<ExtractedText>>(
            documents.Select(d => new ExtractedText(HtmlExtractor.Extract(page, d.Rules, url, shared: documents.Count > 1))).ToList());
    }
}
