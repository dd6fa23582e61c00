using System.Text.Encodings.Web;
using System.Text.Json;

namespace PolicyArchiver.Exporting;

/// <summary>
/// <c>manifest.jsonl</c>: the same rows as the CSV, one JSON object a line, keys as the CSV header.
/// Every value is a string, as in the CSV, so both read back the same.
/// </summary>
internal static class ManifestJsonl
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly ReadOnlyMemory<byte> Newline = "\n"u8.ToArray();

    public static async Task WriteAsync(Stream output, IEnumerable<ManifestRow> rows, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            await using (var json = new Utf8JsonWriter(output, Options))
            {
                json.WriteStartObject();
                foreach (var (name, value) in ManifestRow.Columns.Zip(row.Values)) json.WriteString(name, value);
                json.WriteEndObject();
                await json.FlushAsync(ct);
            }
            await output.WriteAsync(Newline, ct);
        }
        await output.FlushAsync(ct);
    }
}
