using System.Globalization;
using System.Text.Json;
using PolicyArchiver.Bench.Fixtures;
using PolicyArchiver.Bench.Measuring;
using PolicyArchiver.Bench.Reporting;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Bench.Scenarios;

/// <summary>
/// A capture of a 300 MiB page must not take the machine with it: peak memory of the whole process
/// tree (the program, its Playwright driver and Chromium) while capturing one huge document — as
/// streamed HTML, as a gzip that expands to it, as a PDF-typed body — each in a fresh process and
/// archive, first under the default body cap (50 MB), then with <c>--max-body-mb 400</c> so that the
/// whole page is taken; and a 30 MiB page, under the extraction limit, whose text is extracted.
/// Opt-in (<c>--only hugepage</c>): it takes minutes.
/// </summary>
public static class HugePageScenario
{
    private const string Name = "hugepage";
    private const string Company = "hugepage";
    private const long PageBytes = 300L * 1024 * 1024;
    private const double TargetMiB = 1536;

    public static async Task RunAsync(BenchContext context, CancellationToken ct)
    {
        var port = context.Options.Port + 2;
        var dir = context.Dir("hugepage");
        var targets = Path.Combine(dir, "targets.json");
        await WriteTargetsAsync(targets, port, ct);
        await using var server = await HugePageServer.StartAsync(PageBytes, port, ct);
        foreach (var cap in new double?[] { null, 400 })
        {
            var capName = cap is null ? "default 50 MB cap" : $"--max-body-mb {cap}";
            foreach (var (id, path, huge) in HugePageServer.Documents)
            {
                var archive = Path.Combine(dir, $"archive-{id}-{cap?.ToString(CultureInfo.InvariantCulture) ?? "default"}");
                if (Directory.Exists(archive)) Directory.Delete(archive, recursive: true);
                string[] args = ["--archive", archive, "--targets", targets, "capture", "--json", "--loopback-only", "--only", $"{Company}/{id}"];
                if (cap is { } mb) args = [.. args, "--max-body-mb", mb.ToString(CultureInfo.InvariantCulture)];
                var run = await ChildRun.RunAsync(context.Options.App, args, context.Log, sample: true, ct);
                // A run that fails (killed for want of memory, say) is a finding too: its peak is reported all the same.
                var outcome = run.ExitCode == 0 ? Outcome(run.Stdout) : $"no observation: the program exited {run.ExitCode} (see {context.Log})";
                var evidence = Evidence(archive, $"http://127.0.0.1:{port}{path}");
                var peak = (run.Usage?.PeakRssBytes ?? 0) / 1048576.0;
                var what = $"{id}, {capName}";
                context.Figures.Add(Figure.AtMost(Name, $"{what}: peak RSS of the process tree", peak, "MiB", TargetMiB,
                    $"{(huge ? PageBytes : HugePageServer.SmallerBytes) / 1048576} MiB body; sum of VmRSS over the tree every 100 ms; WARC response {evidence}"));
                context.Figures.Add(Figure.Info(Name, $"{what}: wall time", run.WallSeconds, "s", "process start to exit, browser launch included"));
                context.Observations.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{what}: {outcome}; WARC response {evidence}; peak RSS {peak:0} MiB (PSS {(run.Usage?.PeakPssBytes ?? 0) / 1048576.0:0} MiB, {run.Usage?.PeakProcesses} processes), " +
                    $"tree CPU {run.Usage?.CpuSeconds:0.0} s, {run.WallSeconds:0.0} s"));
            }
        }
    }

    /// <summary>The observation the run printed (<c>capture --json</c>), in words.</summary>
    private static string Outcome(string stdout)
    {
        using var json = JsonDocument.Parse(stdout);
        var o = json.RootElement.EnumerateArray().Single();
        return string.Create(CultureInfo.InvariantCulture,
            $"outcome {o.GetProperty("outcome").GetString()} (HTTP {o.GetProperty("httpStatus")}, {o.GetProperty("attempts").GetInt32()} attempt(s), " +
            $"new version {o.GetProperty("newVersion").GetBoolean()}), detail \"{o.GetProperty("detail")}\"");
    }

    /// <summary>The WARC response record of the document, in words: its payload's size and whether it is marked truncated.</summary>
    private static string Evidence(string archive, string url)
    {
        var responses = Directory.EnumerateFiles(archive, "*.warc.gz", SearchOption.AllDirectories)
            .SelectMany(WarcReader.Stream)
            .Where(r => r.Type == "response" && r["WARC-Target-URI"] == url)
            .Select(r => $"{WarcReader.HttpPayload(r.Block).Length / 1048576.0:0.#} MiB{(r["WARC-Truncated"] is { } t ? $" marked WARC-Truncated: {t}" : ", whole")}")
            .ToList();
        return responses.Count == 0 ? "none" : string.Join("; ", responses);
    }

    private static async Task WriteTargetsAsync(string path, int port, CancellationToken ct)
    {
        var companies = new[]
        {
            new
            {
                id = Company,
                name = "Huge Page Bank",
                sector = "banking",
                homepage = $"http://127.0.0.1:{port}/",
                documents = HugePageServer.Documents.Select(d => new { id = d.Id, type = "privacy-policy", language = "ru", url = $"http://127.0.0.1:{port}{d.Path}" }).ToList(),
            },
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { companies }, new JsonSerializerOptions { WriteIndented = true }), ct);
    }
}
