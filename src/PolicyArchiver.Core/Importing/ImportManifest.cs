using System.Globalization;
using System.Text.Json;

namespace PolicyArchiver.Importing;

/// <summary>
/// Loose files to import, one JSON object per line: <c>{"file", "document" or "url", "capturedAt"}</c>,
/// e.g. PDFs a researcher saved by hand. Paths are relative to the manifest.
/// </summary>
internal static class ImportManifest
{
    public sealed record Entry(ImportRecord Record, string? Document);

    public static IReadOnlyList<Entry> Read(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var entries = new List<Entry>();
        var errors = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var where = $"{path}:{number}";
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var file = root.TryGetProperty("file", out var f) ? f.GetString() : null;
                var document = root.TryGetProperty("document", out var d) ? d.GetString() : null;
                var url = root.TryGetProperty("url", out var u) ? u.GetString() : null;
                var captured = root.TryGetProperty("capturedAt", out var c) ? c.GetString() : null;
                if (file is null) { errors.Add($"{where}: $.file is missing"); continue; }
                if (document is null && url is null) { errors.Add($"{where}: give $.document or $.url"); continue; }
                if (captured is null || !DateTimeOffset.TryParse(captured, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
                {
                    errors.Add($"{where}: $.capturedAt is missing or not ISO 8601");
                    continue;
                }
                var full = Path.Combine(directory, file);
                if (!File.Exists(full)) { errors.Add($"{where}: $.file \"{file}\" not found"); continue; }
                var headers = new Dictionary<string, string> { ["content-type"] = ContentTypeOf(file) };
                entries.Add(new Entry(new ImportRecord(url ?? "", at, 200, headers, File.ReadAllBytes(full), $"import:{Path.GetFileName(path)}:{number} ({file})"), document));
            }
            catch (JsonException e)
            {
                errors.Add($"{where}: not JSON ({e.Message})");
            }
        }
        if (errors.Count > 0) throw new InvalidDataException(string.Join(Environment.NewLine, errors));
        return entries;
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".txt" => "text/plain; charset=utf-8",
        _ => "text/html",
    };
}
