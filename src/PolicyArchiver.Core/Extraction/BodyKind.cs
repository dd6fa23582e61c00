namespace PolicyArchiver.Extraction;

/// <summary>What a snapshot's body is, as recorded with it: its content type (guessed when the server sent none) and, for text, its charset.</summary>
public static class BodyKind
{
    public static (string ContentType, string? Charset) Of(ReadOnlySpan<byte> body, string? contentType)
    {
        var type = contentType ?? (PdfExtractor.IsPdf(body, null) ? "application/pdf" : "text/html");
        return (type, PdfExtractor.IsPdf(body, type) ? null : Charset.Detect(body, type));
    }

    /// <summary>The file extension of a body of this content type, for bundles and exports (".bin" when unknown).</summary>
    public static string Extension(string contentType) => contentType.ToLowerInvariant() switch
    {
        var t when t.Contains("pdf") => ".pdf",
        var t when t.Contains("xhtml") => ".xhtml",
        var t when t.Contains("html") => ".html",
        var t when t.Contains("wordprocessingml") => ".docx",
        var t when t.Contains("msword") => ".doc",
        var t when t.Contains("opendocument.text") => ".odt",
        var t when t.Contains("rtf") => ".rtf",
        var t when t.Contains("text/plain") => ".txt",
        var t when t.Contains("xml") => ".xml",
        var t when t.Contains("json") => ".json",
        _ => ".bin",
    };
}
