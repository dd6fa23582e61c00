using System.Globalization;
using System.Text;

namespace PolicyArchiver.Evidence.Warc;

/// <summary>
/// One WARC 1.1 record (ISO 28500:2017): named header fields in order, then the content block.
/// </summary>
internal sealed class WarcRecord
{
    public const string Version = "WARC/1.1";

    public List<KeyValuePair<string, string>> Headers { get; } = [];
    public byte[] Block { get; init; } = [];

    /// <summary>
    /// The rest of the block after <see cref="Block"/>, in a record being written: a response's
    /// payload follows its head without being copied behind it, so a huge page is not held twice.
    /// Records read back have their whole block in <see cref="Block"/>.
    /// </summary>
    public ReadOnlyMemory<byte> BlockTail { get; init; }

    public string? this[string name] =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public string Type => this["WARC-Type"] ?? "";
    public string RecordId => this["WARC-Record-ID"] ?? "";

    public WarcRecord Add(string name, string? value)
    {
        if (value is not null) Headers.Add(new(name, value));
        return this;
    }

    /// <summary>
    /// Writes the record as it is stored: version line, header fields, blank line, block, two CRLFs.
    /// Written to the output as it is, never copied whole: the block of a huge page is hundreds of megabytes.
    /// </summary>
    public void WriteTo(Stream output)
    {
        var head = new StringBuilder(Version).Append("\r\n");
        foreach (var (name, value) in Headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append("Content-Length: ").Append(((long)Block.Length + BlockTail.Length).ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        output.Write(Encoding.UTF8.GetBytes(head.ToString()));
        output.Write(Block);
        output.Write(BlockTail.Span);
        output.Write("\r\n\r\n"u8);
    }

    /// <summary>The record as it is stored, in one array.</summary>
    public byte[] Serialize()
    {
        using var bytes = new MemoryStream();
        WriteTo(bytes);
        return bytes.ToArray();
    }

    public static string NewRecordId() => $"<urn:uuid:{Guid.NewGuid()}>";

    /// <summary>WARC 1.1 allows fractions of a second; captures a few milliseconds apart stay distinct.</summary>
    public static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseDate(string s) =>
        DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
