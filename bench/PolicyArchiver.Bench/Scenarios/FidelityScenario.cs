using System.Text.Json;
using PolicyArchiver.Bench.Measuring;
using PolicyArchiver.Bench.Reporting;

namespace PolicyArchiver.Bench.Scenarios;

/// <summary>
/// Scenario <c>fidelity</c>: real histories against Open Terms Archive's own versions. The corpus
/// (<c>--corpus DIR</c>, built as ../shared/corpora/ota/README.md says: <c>corpus.warc.gz</c>,
/// <c>targets.json</c>, <c>expected.json</c>) is imported into a fresh archive, and each
/// document's version boundaries are scored: a boundary matches when our version starts at a
/// snapshot taken up to 3 minutes before OTA's version commit (OTA dates a version by its commit,
/// seconds after the snapshot); our boundaries after OTA's last versions commit are not scored.
/// </summary>
public static class FidelityScenario
{
    private const string Name = "fidelity";
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(3);

    public static async Task RunAsync(BenchContext context, CancellationToken ct)
    {
        var corpus = context.Options.Corpus ?? throw new ArgumentException("the fidelity scenario needs --corpus DIR (see ../shared/corpora/ota/README.md)");
        foreach (var file in new[] { "corpus.warc.gz", "targets.json", "expected.json" })
            if (!File.Exists(Path.Combine(corpus, file))) throw new FileNotFoundException($"{Path.Combine(corpus, file)} is missing: build the corpus first");
        var dir = context.Dir(Name);
        var archive = Path.Combine(dir, "archive");
        if (Directory.Exists(archive)) Directory.Delete(archive, recursive: true);
        var targets = Path.Combine(corpus, "targets.json");

        var run = await ChildRun.RunAsync(context.Options.App, ["--archive", archive, "--targets", targets, "import", "--json", Path.Combine(corpus, "corpus.warc.gz")],
            context.Log, sample: true, ct);
        if (run.ExitCode != 0) throw new InvalidOperationException($"import exited {run.ExitCode}; see {context.Log}");
        using var report = JsonDocument.Parse(run.Stdout);
        var records = report.RootElement.GetProperty("records").GetInt32();

        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(corpus, "expected.json"), ct));
        var end = DateTimeOffset.Parse(expected.RootElement.GetProperty("versionsEnd").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        int tp = 0, fp = 0, fn = 0;
        foreach (var document in expected.RootElement.GetProperty("documents").EnumerateObject())
        {
            var theirs = document.Value.EnumerateArray().Select(d => Second(DateTimeOffset.Parse(d.GetString()!, System.Globalization.CultureInfo.InvariantCulture))).ToList();
            var history = await ChildRun.RunAsync(context.Options.App, ["--archive", archive, "--targets", targets, "history", document.Name, "--json"], context.Log, sample: false, ct);
            if (history.ExitCode != 0) throw new InvalidOperationException($"history {document.Name} exited {history.ExitCode}; see {context.Log}");
            using var versions = JsonDocument.Parse(history.Stdout);
            var ours = versions.RootElement.EnumerateArray()
                .Select(v => Second(DateTimeOffset.Parse(v.GetProperty("capturedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
                .Where(t => t <= end).ToList();
            var found = theirs.Count(x => ours.Any(y => x - Slack <= y && y <= x));
            var right = ours.Count(y => theirs.Any(x => x - Slack <= y && y <= x));
            tp += found;
            fn += theirs.Count - found;
            fp += ours.Count - right;
            context.Observations.Add($"fidelity: {document.Name}: OTA {theirs.Count} versions, ours {ours.Count}, matched {found}");
        }
        var precision = tp / (double)Math.Max(tp + fp, 1);
        var recall = tp / (double)Math.Max(tp + fn, 1);
        var note = $"{expected.RootElement.GetProperty("documents").EnumerateObject().Count()} documents, {records:N0} real snapshots ({Path.GetFileName(corpus.TrimEnd('/'))})";
        context.Figures.Add(Figure.AtLeast(Name, "version boundaries: precision against OTA", precision, "", 0.98, note));
        context.Figures.Add(Figure.AtLeast(Name, "version boundaries: recall against OTA", recall, "", 0.97,
            "OTA also records changes that are only whitespace; this archive ignores those"));
        context.Figures.Add(Figure.AtLeast(Name, "import of the real corpus: records/s (wall, process start to exit)", records / run.WallSeconds, "rec/s", 300,
            $"CPU {run.Usage?.CpuSeconds:0.0} s, machine {run.MachineUtilisation:P0} busy"));
        context.Figures.Add(Figure.Info(Name, "import of the real corpus: peak RSS of the process", (run.Usage?.PeakRssBytes ?? 0) / 1048576.0, "MiB"));
    }

    private static DateTimeOffset Second(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
