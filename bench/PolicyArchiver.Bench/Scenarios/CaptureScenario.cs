using System.Globalization;
using PolicyArchiver.Bench.Fixtures;
using PolicyArchiver.Bench.Reporting;

namespace PolicyArchiver.Bench.Scenarios;

/// <summary>
/// Scenarios 1–3: three <c>capture</c> rounds of the real program over the local fixture site —
/// all documents new, nothing changed, then 10% of documents edited — each a fresh process, as
/// a scheduled run would be.
/// </summary>
public static class CaptureScenario
{
    private const string Name = "capture";

    public static async Task RunAsync(BenchContext context, CancellationToken ct)
    {
        var site = await context.SiteAsync(context.Options.CaptureSize, ct);
        var dir = context.Dir("capture");
        var archive = Path.Combine(dir, "archive");
        if (Directory.Exists(archive)) Directory.Delete(archive, recursive: true);
        var targets = Path.Combine(dir, "targets.json");
        foreach (var d in site.Documents) d.Edited = false;
        await site.WriteTargetsAsync(targets, context.Options.Port, ct);
        await using var server = await FixtureServer.StartAsync(site, context.Options.Port, ct);
        var n = site.Documents.Count;
        var shape = $"{n} documents on {site.Hosts} hosts, --concurrency {context.Options.Concurrency}";

        var fresh = await CaptureRound.RunAsync(context, archive, targets, ct);
        context.Observations.Add(fresh.Describe("round 1 (all new)"));
        context.Figures.Add(Figure.AtLeast(Name, "round 1, all new: documents/s", fresh.DocumentsPerSecond, "doc/s", 10, $"wall time of the process, start-up and browser launch included; {shape}"));
        context.Figures.Add(Figure.Info(Name, "round 1: CPU per document (process tree)", fresh.CpuSecondsPerDocument, "s", "utime+stime of the program, Chromium and every descendant, sampled /proc every 100 ms"));
        context.Figures.Add(Figure.AtMost(Name, "round 1: peak RSS of the process tree", fresh.PeakRssMiB, "MiB", 1024, $"sum of VmRSS over the tree every 100 ms; at {n} documents, not 1,000"));
        context.Figures.Add(Figure.Info(Name, "round 1: peak PSS of the process tree", fresh.PeakPssMiB, "MiB", "shared pages divided among processes, sampled every 1 s"));
        context.Figures.Add(Figure.Equal(Name, "round 1: ok observations", fresh.Ok, "obs", n, "fidelity"));
        context.Figures.Add(Figure.Equal(Name, "round 1: new versions", fresh.NewVersions, "versions", n, "fidelity"));
        context.Figures.Add(Figure.Info(Name, "round 1: archive bytes per document", fresh.ArchiveBytesAdded / 1024.0 / n, "KB", "raw body + DOM + PNG screenshot + text + WARC + catalog"));
        AddCeiling(context, "round 1", fresh);

        var same = await CaptureRound.RunAsync(context, archive, targets, ct);
        context.Observations.Add(same.Describe("round 2 (nothing changed)"));
        context.Figures.Add(Figure.AtLeast(Name, "round 2, unchanged: documents/s", same.DocumentsPerSecond, "doc/s", 50, shape));
        context.Figures.Add(Figure.AtMost(Name, "round 2: bytes added per document", same.ArchiveBytesAdded / 1024.0 / n, "KB", 2, "sum of file sizes of the archive directory, before/after"));
        context.Figures.Add(Figure.Equal(Name, "round 2: new versions (noise ignored)", same.NewVersions, "versions", 0, "fidelity: CSRF, timestamps, counters change on every request"));
        context.Figures.Add(Figure.Info(Name, "round 2: CPU per document (process tree)", same.CpuSecondsPerDocument, "s"));
        context.Figures.Add(Figure.Info(Name, "round 2: peak RSS of the process tree", same.PeakRssMiB, "MiB"));
        AddCeiling(context, "round 2", same);

        var edited = site.Edit(0.10);
        var changed = await CaptureRound.RunAsync(context, archive, targets, ct);
        context.Observations.Add(changed.Describe($"round 3 ({edited} edited)"));
        context.Figures.Add(Figure.Info(Name, "round 3, 10% changed: documents/s", changed.DocumentsPerSecond, "doc/s", shape));
        context.Figures.Add(Figure.Equal(Name, "round 3: versions recorded", changed.NewVersions, "versions", edited, $"fidelity: {edited} documents had one clause edited"));
        context.Figures.Add(Figure.Info(Name, "round 3: peak RSS of the process tree", changed.PeakRssMiB, "MiB"));
        var growth = changed.PeakRssMiB - fresh.PeakRssMiB;
        context.Figures.Add(Figure.AtMost(Name, "peak RSS growth, round 1 → 3", growth, "MiB", Math.Round(fresh.PeakRssMiB * 0.10),
            "no growth across rounds (each round is a new process; tolerance 10% of round 1)"));
    }

    /// <summary>What the CPU alone allows: with C cores and s CPU-seconds per document, at most C/s documents per second.</summary>
    private static void AddCeiling(BenchContext context, string round, CaptureRound r)
    {
        var ceiling = Environment.ProcessorCount / r.CpuSecondsPerDocument;
        context.Observations.Add(string.Create(CultureInfo.InvariantCulture,
            $"{round}: CPU ceiling on {Environment.ProcessorCount} cores = {Environment.ProcessorCount} / {r.CpuSecondsPerDocument:0.000} s = {ceiling:0.0} documents/s (measured {r.DocumentsPerSecond:0.00}; machine {r.Run.MachineUtilisation:P0} busy)"));
    }
}
