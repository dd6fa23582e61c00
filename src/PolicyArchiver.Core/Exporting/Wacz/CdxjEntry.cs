using System.Text.Encodings.Web;
using System.Text.Json;

namespace PolicyArchiver.Exporting.Wacz;

/// <summary>
/// One line of <c>indexes/index.cdxj</c>: the SURT key, the 14-digit timestamp, and a JSON block
/// saying where in <c>archive/data.warc.gz</c> the record lies. Numbers are written as strings, as
/// pywb and py-wacz write them.
/// </summary>
internal sealed record CdxjEntry(string Key, string Timestamp, string Url, string Mime, string Status, string Digest, long Length, long Offset, string Filename)
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Line()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("url", Url);
            json.WriteString("mime", Mime);
            json.WriteString("status", Status);
            json.WriteString("digest", Digest);
            json.WriteString("length", Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("offset", Offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("filename", Filename);
            json.WriteEndObject();
        }
        return $"{Key} {Timestamp} {System.Text.Encoding.UTF8.GetString(buffer.ToArray())}";
    }

    /// <summary>Index order: by key, then timestamp, then position — what a binary search over the file expects.</summary>
    public static int Compare(CdxjEntry a, CdxjEntry b)
    {
        var c = string.CompareOrdinal(a.Key, b.Key);
        if (c == 0) c = string.CompareOrdinal(a.Timestamp, b.Timestamp);
        return c != 0 ? c : a.Offset.CompareTo(b.Offset);
    }
}
