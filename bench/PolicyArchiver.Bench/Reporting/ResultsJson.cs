using System.Text.Json;

namespace PolicyArchiver.Bench.Reporting;

/// <summary>bench/results/latest.json: the figures in a form scripts can compare between runs.</summary>
public static class ResultsJson
{
    public static async Task WriteAsync(string path, MachineInfo machine, BenchOptions options, string command, IReadOnlyList<Figure> figures, IReadOnlyList<string> observations, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var doc = new
        {
            machine,
            command,
            size = options.Size,
            captureSize = options.CaptureSize,
            concurrency = options.Concurrency,
            scenarios = options.Only.Order().ToList(),
            figures = figures.Select(f => new { f.Scenario, f.Metric, f.Value, f.Unit, f.Target, f.Met, f.Status, f.Note }),
            observations,
        };
        var json = JsonSerializer.Serialize(doc, new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        });
        await File.WriteAllTextAsync(path, json, ct);
    }
}
