using System.Globalization;
using System.Text;

namespace PolicyArchiver.Exporting;

/// <summary>
/// Where a capture's files go inside an export: <c>company/document/&lt;capturedAt&gt;.&lt;ext&gt;</c>.
/// Every name is built from the archive's own identifiers and instants, never from a request
/// parameter, and each segment is reduced to characters safe on any file system.
/// </summary>
internal static class CaptureFiles
{
    /// <summary>
    /// The capture's instant as a file name, <c>2024-05-03T10-00-00Z</c> (no colons, which Windows
    /// refuses), with <c>-2</c>, <c>-3</c>… when earlier captures of the document took that second.
    /// </summary>
    public static string Stem(DateTimeOffset at, ISet<string> taken)
    {
        var stem = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss'Z'", CultureInfo.InvariantCulture);
        var candidate = stem;
        for (var n = 2; !taken.Add(candidate); n++) candidate = $"{stem}-{n}";
        return candidate;
    }

    public static string Folder(ExportDocument document) => $"{Segment(document.CompanyId)}/{Segment(document.Id)}";

    /// <summary>
    /// The raw body's extension from its recorded content type. A plain-text body is <c>.body.txt</c>
    /// so it never takes the name of the extracted text beside it.
    /// </summary>
    public static string SnapshotExtension(string contentType) =>
        Extraction.BodyKind.Extension(contentType) is var extension && extension == ".txt" ? ".body.txt" : extension;

    /// <summary>A path segment of letters, digits, <c>.</c>, <c>_</c> and <c>-</c> only, never <c>.</c> or <c>..</c>.</summary>
    public static string Segment(string value)
    {
        var safe = new StringBuilder(value.Length);
        foreach (var c in value) safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        var s = safe.ToString().Trim('.');
        return s.Length == 0 ? "_" : s;
    }
}
