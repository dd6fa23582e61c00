using PolicyArchiver.Targets;

namespace PolicyArchiver.Extraction;

/// <summary>A PDF: recognised by its <c>%PDF-</c> signature or its Content-Type, read by <see cref="PdfExtractor"/> (OCR for scanned pages).</summary>
internal sealed class PdfFormat : IDocumentFormat
{
    public const string ContentType = "application/pdf";

    public string Name => "pdf";

    public IReadOnlyList<(string Fragment, string Extension)> Extensions { get; } = [("pdf", ".pdf")];

    public bool Recognises(ReadOnlySpan<byte> body, string? contentType) => PdfExtractor.IsPdf(body, contentType);

    public string? GuessContentType(ReadOnlySpan<byte> body) => PdfExtractor.IsPdf(body, null) ? ContentType : null;

    /// <summary>A PDF's text has its own encodings inside; no charset is recorded.</summary>
    public string? CharsetOf(ReadOnlySpan<byte> body, string contentType) => null;

    /// <summary>A PDF has no selectors: every document it serves reads the same text.</summary>
    public async Task<IReadOnlyList<ExtractedText>> ExtractAsync(IReadOnlyList<Document> documents, byte[] body, string? contentType, string? markup, Uri? url,
        CancellationToken ct)
    {
        var text = await PdfExtractor.ExtractAsync(body, ct);
        return documents.Select(_ => text).ToList();
    }
}
