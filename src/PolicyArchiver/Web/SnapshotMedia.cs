using Microsoft.Net.Http.Headers;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Web;

/// <summary>How archived bytes are labelled when the web serves them again.</summary>
internal static class SnapshotMedia
{
    /// <summary>The snapshot's media type with the charset it was read in, so a browser decodes the bytes as we did.</summary>
    public static string ContentType(Snapshot snapshot) => ContentType(snapshot.ContentType, snapshot.Charset);

    public static string ContentType(string stored, string? charset)
    {
        if (!MediaTypeHeaderValue.TryParse(stored, out var parsed) || parsed.MediaType.Value is not { Length: > 0 } media)
            return "application/octet-stream";
        var encoding = charset ?? parsed.Charset.Value;
        return string.IsNullOrEmpty(encoding) ? media : $"{media}; charset={encoding}";
    }

    /// <summary>The same bytes labelled as plain text in the same charset: to read markup without a browser interpreting it.</summary>
    public static string AsText(Snapshot snapshot) =>
        ContentType(snapshot) is var type && type.IndexOf("; charset=", StringComparison.Ordinal) is var i and >= 0 ? "text/plain" + type[i..] : "text/plain";
}
