using PolicyArchiver.Targets;

namespace PolicyArchiver.Extraction;

/// <summary>A Word (.docx) file: a ZIP that says or holds Word, read by <see cref="DocxExtractor"/>.</summary>
internal sealed class DocxFormat : IDocumentFormat
{
    public string Name => "docx";

    public IReadOnlyList<(string Fragment, string Extension)> Extensions { get; } = [("wordprocessingml", ".docx")];

    public bool Recognises(ReadOnlySpan<byte> body, string? contentType) => DocxExtractor.IsDocx(body, contentType);

    /// <summary>
    /// None: a Word file served without a Content-Type has always been recorded as <c>text/html</c>
    /// (it is still read as Word), and guessing now would record new snapshots differently from old ones.
    /// </summary>
    public string? GuessContentType(ReadOnlySpan<byte> body) => null;

    /// <summary>Whatever the Content-Type declares, as recorded since the first Word captures.</summary>
    public string? CharsetOf(ReadOnlySpan<byte> body, string contentType) => Charset.Detect(body, contentType);

    /// <summary>A Word file has no selectors: every document it serves reads the same text.</summary>
    public Task<IReadOnlyList<ExtractedText>> ExtractAsync(IReadOnlyList<Document> documents, byte[] body, string? contentType, string? markup, Uri? url,
        CancellationToken ct)
    {
        var text = new ExtractedText(DocxExtractor.Extract(body));
        return Task.FromResult<IReadOnlyList<ExtractedText>>(documents.Select(_ => text).ToList());
    }
}
