using System.Globalization;
using System.Text;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Exporting.Wacz;

/// <summary>
/// What a replay tool looks up about a WARC record: a response or revisit by its HTTP status and
/// content type (a revisit's mime is <c>warc/revisit</c>, as pywb indexes it), a resource by its
/// record's content type. Requests and warcinfo are not looked up, so they get no index line.
/// </summary>
internal static class RecordIndex
{
    public static CdxjEntry? Of(WarcRecord record, long offset, long length, string filename)
    {
        var uri = record["WARC-Target-URI"];
        if (uri is null || record.Type is not ("response" or "revisit" or "resource")) return null;
        var date = WarcRecord.ParseDate(record["WARC-Date"]!).UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var digest = record["WARC-Payload-Digest"] ?? record["WARC-Block-Digest"] ?? "";
        string mime, status;
        if (record.Type == "resource")
        {
            (mime, status) = (MediaType(record["Content-Type"]), "200");
        }
        else
        {
            var (code, type) = HttpHead(record.Block);
            (mime, status) = (record.Type == "revisit" ? "warc/revisit" : MediaType(type), code);
        }
        return new CdxjEntry(Surt.Key(uri), date, uri, mime, status, digest, length, offset, filename);
    }

    /// <summary>The status code and Content-Type of an HTTP response block's head.</summary>
    private static (string Status, string? ContentType) HttpHead(byte[] block)
    {
        var end = block.AsSpan().IndexOf("\r\n\r\n"u8);
        var lines = Encoding.UTF8.GetString(block, 0, end < 0 ? block.Length : end).Split("\r\n");
        var statusLine = lines[0].Split(' ');
        var status = statusLine.Length > 1 && int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s.ToString(CultureInfo.InvariantCulture) : "-";
        var type = lines.Skip(1).Select(l => l.Split(':', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim().Equals("Content-Type", StringComparison.OrdinalIgnoreCase))?[1];
        return (status, type);
    }

    private static string MediaType(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() is { Length: > 0 } t ? t : "unk";
}
