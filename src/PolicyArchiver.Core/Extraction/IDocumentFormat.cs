using PolicyArchiver.Targets;

namespace PolicyArchiver.Extraction;

/// <summary>
/// A kind of body a policy is served as (an HTML page, a PDF, a Word file…): how it is recognised
/// and how its text is read. Each format is one class; <see cref="DocumentFormats"/> lists them in
/// the order they are tried, so a new format is one file and one line there.
/// </summary>
internal interface IDocumentFormat
{
    /// <summary>A short name for messages and tests: <c>html</c>, <c>pdf</c>, <c>docx</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Content-type fragments (matched case-insensitively, in order) and the file extension a body
    /// of such a type is given in bundles and exports.
    /// </summary>
    IReadOnlyList<(string Fragment, string Extension)> Extensions { get; }

    /// <summary>Whether a body is of this format, from its bytes (magic numbers) and the Content-Type it was served with.</summary>
    bool Recognises(ReadOnlySpan<byte> body, string? contentType);

    /// <summary>The content type recorded for a body of this format that the server sent without one, or null when the bytes alone do not tell.</summary>
    string? GuessContentType(ReadOnlySpan<byte> body);

    /// <summary>The charset recorded with a body of this format, or null when it has none (a binary file).</summary>
    string? CharsetOf(ReadOnlySpan<byte> body, string contentType);

    /// <summary>
    /// The text of each of several documents served by the same body, in their order: the body is
    /// read once. <paramref name="markup"/> is the page's markup when it has been read already (the DOM
    /// after scripts ran); formats without markup ignore it.
    /// </summary>
    Task<IReadOnlyList<ExtractedText>> ExtractAsync(IReadOnlyList<Document> documents, byte[] body, string? contentType, string? markup, Uri? url, CancellationToken ct);
}
