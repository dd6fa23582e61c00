namespace PolicyArchiver.Extraction;

/// <summary>What a snapshot's body is, as recorded with it: its content type (guessed when the server sent none) and, for text, its charset.</summary>
public static class BodyKind
{
    public static (string ContentType, string? Charset) Of(ReadOnlySpan<byte> body, string? contentType)
    {
        var type = contentType ?? (PdfExtractor.IsPdf(body, null) ? "application/pdf" : "text/html");
        return (type, PdfExtractor.IsPdf(body, type) ? null : Charset.Detect(body, type));
    }
}
