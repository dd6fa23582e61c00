using System.Diagnostics;
using System.Globalization;
using PolicyArchiver.Bench.Measuring;
using PolicyArchiver.Bench.Reporting;
using PolicyArchiver.Storage;
using PolicyArchiver.Storage.Sqlite;

namespace PolicyArchiver.Bench.Scenarios;

/// <summary>
/// Scenario 6: read latency on a catalog of 1,000,000 observations and 100,000 versions
/// (full size), in process through <see cref="SqliteCatalog"/> and as the CLI a person runs,
/// from process start to its first line of output.
/// </summary>
public static class CatalogScenario
{
    private const string Name = "catalog";

    public static async Task RunAsync(BenchContext context, CancellationToken ct)
    {
        var size = context.Options.Size;
        var dir = context.Dir($"catalog-{size.Name}");
        var archive = Path.Combine(dir, "archive");
        var done = Path.Combine(dir, "complete");
        var scale = $"{size.CatalogObservations:N0} observations, {size.CatalogVersions:N0} versions, {size.CatalogDocuments:N0} documents";
        if (!File.Exists(done))
        {
            if (Directory.Exists(archive)) Directory.Delete(archive, recursive: true);
            var clock = Stopwatch.StartNew();
            await SyntheticCatalog.CreateAsync(archive, size, context.Ru, ct);
            var rows = size.CatalogObservations + size.CatalogVersions * 2;
            context.Observations.Add($"synthetic catalog ({scale}) written through SqliteCatalog.ImportAsync in {clock.Elapsed.TotalSeconds:0} s ({rows / clock.Elapsed.TotalSeconds:N0} rows/s); {new FileInfo(Path.Combine(archive, "catalog.db")).Length / 1048576.0:0} MiB");
            await File.WriteAllTextAsync(done, scale, ct);
        }
        else
        {
            context.Observations.Add($"synthetic catalog ({scale}) reused from {dir}");
        }
        await InProcessAsync(context, archive, scale, ct);
        await CliAsync(context, archive, ct);
    }

    private static async Task InProcessAsync(BenchContext context, string archive, string scale, CancellationToken ct)
    {
        var size = context.Options.Size;
        var catalog = SqliteCatalog.ReadOnly(Path.Combine(archive, "catalog.db"), TimeProvider.System);
        var random = new Random(42);
        var span = SyntheticCatalog.Interval * size.ObservationsPerDocument;
        async Task<List<double>> TimeAsync(int count, Func<Task> query)
        {
            var times = new List<double>();
            for (var i = 0; i < count; i++)
            {
                var clock = Stopwatch.StartNew();
                await query();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            return times;
        }
        string Doc() => SyntheticCatalog.Document(random.Next(size.CatalogDocuments));
        DateTimeOffset At() => SyntheticCatalog.Start + span * random.NextDouble();
        await TimeAsync(200, () => catalog.GetVersionAtAsync(Doc(), At(), ct)); // warm-up: pool, statement cache, page cache
        var at = await TimeAsync(2000, () => catalog.GetVersionAtAsync(Doc(), At(), ct));
        var versions = await TimeAsync(500, () => catalog.GetVersionsAsync(Doc(), ct));
        var observations = await TimeAsync(300, () => catalog.GetObservationsAsync(Doc(), ct));
        var documents = await TimeAsync(5, () => catalog.GetDocumentsAsync(ct));
        context.Figures.Add(Figure.Info(Name, "GetVersionAtAsync p50", Stats.Percentile(at, 50), "ms", $"{scale}; 2,000 random documents and instants"));
        context.Figures.Add(Figure.AtMost(Name, "show --at in process: GetVersionAtAsync p99", Stats.Percentile(at, 99), "ms", 20, "2,000 random documents and instants"));
        context.Figures.Add(Figure.Info(Name, "GetVersionsAsync p50 / p99", Stats.Percentile(versions, 50), "ms", string.Create(CultureInfo.InvariantCulture, $"p99 {Stats.Percentile(versions, 99):0.00} ms; 500 documents, {size.VersionsPerDocument} versions each")));
        context.Figures.Add(Figure.Info(Name, "GetObservationsAsync p50 / p99", Stats.Percentile(observations, 50), "ms", string.Create(CultureInfo.InvariantCulture, $"p99 {Stats.Percentile(observations, 99):0.00} ms; 300 documents, {size.ObservationsPerDocument} observations each")));
        context.Figures.Add(Figure.Info(Name, "GetDocumentsAsync (list of every document: changes, web home) p50", Stats.Median(documents), "ms", "SELECT DISTINCT document FROM observations; 5 runs"));
    }

    private static async Task CliAsync(BenchContext context, string archive, CancellationToken ct)
    {
        var size = context.Options.Size;
        var doc = SyntheticCatalog.Document(size.CatalogDocuments / 2);
        var at = SyntheticCatalog.At(0, size.ObservationsPerDocument / 2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var targets = Path.Combine(archive, "..", "no-targets.json");
        string[] common = ["--archive", archive, "--targets", targets];
        async Task<(double First, double Wall)> P50Async(string[] args)
        {
            await ChildRun.RunAsync(context.Options.App, [.. common, .. args], context.Log, sample: false, ct); // warm the page cache
            var first = new List<double>();
            var wall = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                var r = await ChildRun.RunAsync(context.Options.App, [.. common, .. args], context.Log, sample: false, ct);
                if (r.ExitCode != 0) throw new InvalidOperationException($"policyarchiver {string.Join(' ', args)} exited {r.ExitCode}; see {context.Log}");
                first.Add(r.FirstOutputSeconds);
                wall.Add(r.WallSeconds);
            }
            return (Stats.Median(first), Stats.Median(wall));
        }
        var version = await P50Async(["--version"]);
        var history = await P50Async(["history", doc]);
        var show = await P50Async(["show", doc, "--at", at]);
        context.Figures.Add(Figure.Info(Name, "CLI --version to first output p50", version.First, "s", "runtime start-up alone, for comparison; 10 runs"));
        context.Figures.Add(Figure.AtMost(Name, "CLI history DOC to first output p50", history.First, "s", 0.5, string.Create(CultureInfo.InvariantCulture, $"10 runs; exit at {history.Wall:0.000} s")));
        context.Figures.Add(Figure.AtMost(Name, "CLI show DOC --at T to first output p50", show.First, "s", 0.5, string.Create(CultureInfo.InvariantCulture, $"10 runs; exit at {show.Wall:0.000} s")));
    }
}
