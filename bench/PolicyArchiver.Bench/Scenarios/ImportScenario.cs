using System.Text;
using System.Text.Json;
using PolicyArchiver.Bench.Fixtures;
using PolicyArchiver.Bench.Measuring;
using PolicyArchiver.Bench.Reporting;
using PolicyArchiver.Capture;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage.FileSystem;

namespace PolicyArchiver.Bench.Scenarios;

/// <summary>
/// Scenario 7: <c>policyarchiver import</c> of a WARC file of response records written with the
/// program's own <see cref="WarcWriter"/>: N documents, each captured daily, its text edited every
/// 10th capture, pages of 20–60 KB with fresh noise in every record.
/// </summary>
public static class ImportScenario
{
    private const string Name = "import";

    public static async Task RunAsync(BenchContext context, CancellationToken ct)
    {
        var size = context.Options.Size;
        var dir = context.Dir("import");
        var archive = Path.Combine(dir, "archive");
        var warcs = Path.Combine(dir, "warc-source");
        foreach (var d in new[] { archive, warcs }) if (Directory.Exists(d)) Directory.Delete(d, recursive: true);
        var targets = Path.Combine(dir, "targets.json");
        var perDocument = size.ImportRecords / size.ImportDocuments;
        var random = new Random(5000);
        var companies = new List<object>();
        using (var writer = new WarcWriter(new FileSystemWarcStore(warcs), TimeProvider.System))
        {
            for (var i = 0; i < size.ImportDocuments; i++)
            {
                var lang = i % 2 == 0 ? "ru" : "kk";
                var seed = lang == "ru" ? context.Ru : context.Kk;
                var company = $"import-{i:D3}";
                var url = $"https://{company}.example.kz/{lang}/privacy";
                companies.Add(new { id = company, name = $"Компания {i}", sector = "banking", homepage = $"https://{company}.example.kz/",
                    documents = new[] { new { id = $"privacy-policy-{lang}", type = "privacy-policy", language = lang, url } } });
                var blocks = PolicyText.Generate(seed, random, lang == "ru" ? "Политика конфиденциальности" : "Құпиялылық саясаты", random.Next(20_000, 60_000));
                var batch = new List<(WarcRecord, string)>();
                string? page = null;
                for (var r = 0; r < perDocument; r++)
                {
                    if (r % 10 == 0)
                    {
                        if (r > 0) blocks = PolicyText.EditClause(blocks, random.Next(1000), seed.Sentence(random));
                        page = PageRenderer.Render($"Компания {i}", lang, blocks, PageKind.Html);
                    }
                    var body = Encoding.UTF8.GetBytes(NoiseFiller.Fill(page!));
                    var at = new DateTimeOffset(2023, 1, 1, 3, 0, 0, TimeSpan.Zero).AddDays(r).AddMinutes(i);
                    var served = new ServedResponse(url, at, new Dictionary<string, string>(), 200,
                        [new("Content-Type", "text/html; charset=utf-8"), new("Cache-Control", "no-store")], body);
                    var block = HttpMessages.Response(served);
                    batch.Add((new WarcRecord { Block = block }
                        .Add("WARC-Type", "response")
                        .Add("WARC-Record-ID", WarcRecord.NewRecordId())
                        .Add("WARC-Date", WarcRecord.Date(at))
                        .Add("WARC-Target-URI", url)
                        .Add("Content-Type", "application/http;msgtype=response")
                        .Add("WARC-Block-Digest", WarcDigest.Of(block))
                        .Add("WARC-Payload-Digest", WarcDigest.Of(body)), "response"));
                }
                await writer.WriteAsync(batch, ct);
            }
        }
        await File.WriteAllTextAsync(targets, JsonSerializer.Serialize(new { companies }), ct);
        var files = Directory.GetFiles(warcs, "*.warc.gz", SearchOption.AllDirectories);
        var warcBytes = files.Sum(f => new FileInfo(f).Length);
        var run = await ChildRun.RunAsync(context.Options.App, ["--archive", archive, "--targets", targets, "import", "--json", .. files], context.Log, sample: true, ct);
        if (run.ExitCode != 0) throw new InvalidOperationException($"import exited {run.ExitCode}; see {context.Log}");
        using var json = JsonDocument.Parse(run.Stdout);
        var records = json.RootElement.GetProperty("records").GetInt32();
        var matched = json.RootElement.GetProperty("matched").GetInt32();
        var own = json.RootElement.GetProperty("recordsPerSecond").GetDouble();
        var note = $"{records:N0} response records, {size.ImportDocuments} documents, {warcBytes / 1e6:0} MB of WARC.gz";
        context.Figures.Add(Figure.Info(Name, "import: records/s (wall, process start to exit)", records / run.WallSeconds, "rec/s", note));
        context.Figures.Add(Figure.Info(Name, "import: records/s as the program reports it", own, "rec/s", "ImportJson.recordsPerSecond"));
        context.Figures.Add(Figure.Equal(Name, "import: records matched to documents", matched, "records", size.ImportRecords, "fidelity"));
        context.Figures.Add(Figure.Info(Name, "import: peak RSS of the process", (run.Usage?.PeakRssBytes ?? 0) / 1048576.0, "MiB"));
        context.Observations.Add($"import: {records} records in {run.WallSeconds:0.0} s, CPU {run.Usage?.CpuSeconds:0.0} s, machine {run.MachineUtilisation:P0} busy, peak RSS {(run.Usage?.PeakRssBytes ?? 0) / 1048576.0:0} MiB");
    }
}
