namespace PolicyArchiver.Extraction;

/// <summary>What a snapshot's body is, as recorded with it: its content type (guessed when the server sent none) and, for text, its charset.</summary>
internal static class BodyKind
{
    public static (string ContentType, string? Charset) Of(ReadOnlySpan<byte> body, string? contentType)
    {
        var type = contentType ?? DocumentFormats.GuessContentType(body);
        return (type, DocumentFormats.Of(body, type).CharsetOf(body, type));
    }

    /// <summary>The file extension of a body of this content type, for bundles and exports (".bin" when unknown).</summary>
    public static string Extension(string contentType) => DocumentFormats.Extension(contentType);
}
