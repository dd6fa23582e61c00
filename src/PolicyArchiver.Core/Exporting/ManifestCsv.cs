using System.Text;

namespace PolicyArchiver.Exporting;

/// <summary>
/// <c>manifest.csv</c> as RFC 4180 says: CRLF line ends, a header row, and a field quoted (its quotes
/// doubled) when it holds a comma, a quote or a line break — company names and URLs can. UTF-8
/// without a byte order mark, so the first column is named <c>company</c> for every reader.
/// </summary>
internal static class ManifestCsv
{
    public static async Task WriteAsync(Stream output, IEnumerable<ManifestRow> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 65536, leaveOpen: true);
        await writer.WriteAsync(Line(ManifestRow.Columns).AsMemory(), ct);
        foreach (var row in rows) await writer.WriteAsync(Line(row.Values).AsMemory(), ct);
        await writer.FlushAsync(ct);
    }

    public static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
