namespace PolicyArchiver.Extraction;

/// <summary>
/// The document formats the archive reads, in the order a body is tried against them: the first
/// that recognises it reads it. HTML recognises anything and comes last, as a server's error page or
/// an unlabelled body is read as a page. Adding a format is one class and one line here.
/// </summary>
internal static class DocumentFormats
{
    public static readonly IReadOnlyList<IDocumentFormat> All = [new PdfFormat(), new DocxFormat(), new HtmlFormat()];

    /// <summary>
    /// Bodies that are stored and named but not read for text: their extension for bundles and
    /// exports, tried after the formats' own.
    /// </summary>
    private static readonly IReadOnlyList<(string Fragment, string Extension)> OtherExtensions =
    [
        ("msword", ".doc"), ("opendocument.text", ".odt"), ("rtf", ".rtf"), ("text/plain", ".txt"), ("xml", ".xml"), ("json", ".json"),
    ];

    /// <summary>The format that reads a body served with that Content-Type.</summary>
    public static IDocumentFormat Of(ReadOnlySpan<byte> body, string? contentType)
    {
        foreach (var format in All)
            if (format.Recognises(body, contentType)) return format;
        throw new InvalidOperationException("No document format recognises the body; the last one must take any body.");
    }

    /// <summary>The content type a body sent without one is recorded with: what its bytes tell, else HTML.</summary>
    public static string GuessContentType(ReadOnlySpan<byte> body)
    {
        foreach (var format in All)
            if (format.GuessContentType(body) is { } type) return type;
        return HtmlFormat.ContentType;
    }

    /// <summary>The file extension of a body of this content type (".bin" when unknown).</summary>
    public static string Extension(string contentType)
    {
        var type = contentType.ToLowerInvariant();
        foreach (var (fragment, extension) in All.SelectMany(f => f.Extensions).Concat(OtherExtensions))
            if (type.Contains(fragment, StringComparison.Ordinal)) return extension;
        return ".bin";
    }
}
