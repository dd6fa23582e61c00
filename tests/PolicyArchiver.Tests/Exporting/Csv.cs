using System.Text;

namespace PolicyArchiver.Tests.Exporting;

/// <summary>An RFC 4180 reader written for the tests, independent of the exporter's writer.</summary>
internal static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else if (c is '\r' or '\n') throw new FormatException($"bare line break at character {i}: RFC 4180 ends records with CRLF");
            else field.Append(c);
        }
        if (quoted) throw new FormatException("unterminated quoted field");
        if (field.Length > 0 || record.Count > 0) throw new FormatException("last record does not end with CRLF");
        return records;
    }
}
