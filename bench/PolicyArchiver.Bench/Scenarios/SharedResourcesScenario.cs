using System.Globalization;
using System.Text.Json;
using PolicyArchiver.Bench.Fixtures;
using PolicyArchiver.Bench.Measuring;
using PolicyArchiver.Bench.Reporting;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Bench.Scenarios;

/// <summary>
/// What a site's documents cost when they share its stylesheets, font and images: one bank's three
/// pages (<see cref="SharedResourceSite"/>) captured one after another into a fresh archive, each by
/// its own <c>capture</c> process, then all three again, unchanged. After each run: the growth of the
/// whole archive directory (blobs, WARC files, catalog) and of its WARC files, and the page resources
/// those WARC records hold (whole responses, revisits). The font and images should be written once.
/// Opt-in (<c>--only resources</c>), with a section of its own.
/// </summary>
public static class SharedResourcesScenario
{
    private const string Name = "resources";
    private const string Company = "fixturebank";

    public static async Task RunAsync(BenchContext context, CancellationToken ct)
    {
        var (sitePort, cdnPort) = (context.Options.Port + 5, context.Options.Port + 6);
        var dir = context.Dir(Name);
        var archive = Path.Combine(dir, "archive");
        if (Directory.Exists(archive)) Directory.Delete(archive, recursive: true);
        var targets = Path.Combine(dir, "targets.json");
        await WriteTargetsAsync(targets, sitePort, ct);
        await using var site = await SharedResourceSite.StartAsync(context.Options.Repo, sitePort, cdnPort, ct);

        var steps = SharedResourceSite.Documents.Select((d, i) => (What: Ordinal(i) + " document of the site, new", Only: $"{Company}/{d.Id}"))
            .Append(("the three again, unchanged", Company));
        var firstGrowth = 0.0;
        var step = 0;
        foreach (var (what, only) in steps)
        {
            var (before, warcBefore) = (Bytes(archive), WarcFiles(archive));
            var run = await ChildRun.RunAsync(context.Options.App,
                ["--archive", archive, "--targets", targets, "capture", "--json", "--loopback-only", "--only", only], context.Log, sample: false, ct);
            if (run.ExitCode != 0) throw new InvalidOperationException($"capture --only {only} exited {run.ExitCode} (see {context.Log})");
            var outcomes = Outcomes(run.Stdout);
            var growth = (Bytes(archive) - before) / 1024.0;
            var documents = only == Company ? SharedResourceSite.Documents.Count : 1;
            var newWarc = WarcFiles(archive).Except(warcBefore).ToList();
            var warcGrowth = newWarc.Sum(f => new FileInfo(f).Length) / 1024.0;
            var resources = Resources(newWarc, SharedResourceSite.Documents.Select(d => $"http://127.0.0.1:{sitePort}/{d.Page}").ToHashSet());
            if (step++ == 0) firstGrowth = growth;
            context.Figures.Add(Figure.Info(Name, $"{what}: archive growth per document", growth / documents, "KB",
                $"whole archive directory; WARC files {warcGrowth / documents:0.0} KB per document; {resources}; {outcomes}"));
        }
        var sharedFont = WarcFiles(archive).SelectMany(WarcReader.Stream)
            .Count(r => r.Type == "response" && r["WARC-Target-URI"] == $"http://127.0.0.1:{cdnPort}/fixture-serif.ttf");
        context.Figures.Add(Figure.Equal(Name, "responses holding the shared web font (356 KB), over 4 runs and 6 captures", sharedFont, "records", 1,
            "written once, then revisits"));
        context.Observations.Add(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: the first document's capture grew the archive by {firstGrowth:0} KB, its page resources included; each capture is its own process, so each writes a WARC file of its own"));
    }

    /// <summary>The page resources among <paramref name="files"/>' records (not the documents, not our own urn: resources), in words.</summary>
    private static string Resources(IReadOnlyList<string> files, IReadOnlySet<string> documents)
    {
        var records = files.SelectMany(WarcReader.Stream)
            .Where(r => r.Type is "response" or "revisit" && r["WARC-Target-URI"] is { } uri && !documents.Contains(uri) && !uri.StartsWith("urn:", StringComparison.Ordinal))
            .ToList();
        var whole = records.Where(r => r.Type == "response").ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"page resources: {whole.Count} whole response(s) holding {whole.Sum(r => (long)WarcReader.HttpPayload(r.Block).Length) / 1024.0:0.0} KB, {records.Count - whole.Count} revisit(s)");
    }

    private static string Outcomes(string stdout)
    {
        using var json = JsonDocument.Parse(stdout);
        var all = json.RootElement.EnumerateArray().ToList();
        return $"outcomes {string.Join(", ", all.Select(o => o.GetProperty("outcome").GetString()).Distinct())}, " +
               $"{all.Count(o => o.GetProperty("newVersion").GetBoolean())} new version(s) of {all.Count}";
    }

    private static long Bytes(string dir) =>
        Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

    private static IReadOnlyList<string> WarcFiles(string archive) =>
        Directory.Exists(archive) ? Directory.EnumerateFiles(archive, "*.warc.gz", SearchOption.AllDirectories).ToList() : [];

    private static string Ordinal(int i) => i switch { 0 => "1st", 1 => "2nd", 2 => "3rd", _ => $"{i + 1}th" };

    private static async Task WriteTargetsAsync(string path, int port, CancellationToken ct)
    {
        var companies = new[]
        {
            new
            {
                id = Company,
                name = "Fixture Bank",
                sector = "banking",
                homepage = $"http://127.0.0.1:{port}/",
                documents = SharedResourceSite.Documents.Select(d => new { id = d.Id, type = d.Id[..^3], language = "ru", url = $"http://127.0.0.1:{port}/{d.Page}" }).ToList(),
            },
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { companies }, new JsonSerializerOptions { WriteIndented = true }), ct);
    }
}
