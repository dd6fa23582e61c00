using System.Globalization;
using PolicyArchiver.Bench.Fixtures;
using PolicyArchiver.Bench.Reporting;

namespace PolicyArchiver.Bench.Scenarios;

/// <summary>
/// Ours and Open Terms Archive's engine side by side, in one run, on the same pages: generated
/// 120 KB Cyrillic policies with per-request noise in the footer, one loopback host per company,
/// both rendering in Chromium with <c>select</c> on the article, default settings (our
/// screenshots on). Two rounds each: all new, then nothing changed but the noise. Every figure
/// of ours stands next to OTA's and the ratio, so the targets of the capture-cost issue read
/// straight off the table.
/// </summary>
public static class VersusOtaScenario
{
    private const string Name = "versus";
    private const string Select = "article";
    private const int PageBytes = 120_000;

    public static async Task RunAsync(BenchContext context, CancellationToken ct)
    {
        var size = context.Options.CaptureSize;
        var site = FixtureSite.Generate(context.Ru, context.Kk, size.Documents, size.Hosts, seed: 120_000, pageBytes: PageBytes);
        var n = site.Documents.Count;
        var dir = context.Dir(Name);
        var archive = Path.Combine(dir, "archive");
        if (Directory.Exists(archive)) Directory.Delete(archive, recursive: true);
        var targets = Path.Combine(dir, "targets.json");
        await site.WriteTargetsAsync(targets, context.Options.Port, ct, Select);
        var collection = Path.Combine(dir, "ota-collection");
        await OtaEngine.WriteCollectionAsync(site, collection, context.Options.Port, Select, ct);
        var ota = await OtaEngine.InstallAsync(Path.Combine(context.Options.Work, "ota-engine"),
            Environment.GetEnvironmentVariable("POLICYARCHIVER_CHROMIUM") ?? "/usr/bin/chromium", ct);
        await using var server = await FixtureServer.StartAsync(site, context.Options.Port, ct);
        var shape = $"{n} pages of {PageBytes / 1000} KB on {site.Hosts} hosts";

        // OTA first, then ours, per round: both see the same pages in the same state.
        var otaNew = await ota.TrackAsync(collection, context.Log, ct);
        var ourNew = await CaptureRound.RunAsync(context, archive, targets, ct);
        var otaSame = await ota.TrackAsync(collection, context.Log, ct);
        var ourSame = await CaptureRound.RunAsync(context, archive, targets, ct);

        Describe(context, "round 1 (all new)", ourNew, otaNew);
        Describe(context, "round 2 (nothing changed)", ourSame, otaSame);
        Compare(context, "round 1, all new: documents/s", ourNew.DocumentsPerSecond, n / otaNew.Run.WallSeconds, 10, 8, shape);
        Compare(context, "round 2, unchanged: documents/s", ourSame.DocumentsPerSecond, n / otaSame.Run.WallSeconds, 50, 30, shape);
        context.Figures.Add(Figure.AtMost(Name, "round 2: archive growth per unchanged document", ourSame.ArchiveBytesAdded / 1024.0 / n, "KB", 2,
            $"OTA: {otaSame.DataBytesAdded / 1024.0 / n:0.0} KB (its git repositories)"));
        context.Figures.Add(Figure.AtMost(Name, "round 1: archive growth per new version", ourNew.ArchiveBytesAdded / 1024.0 / Math.Max(1, ourNew.NewVersions), "KB", 1024,
            $"screenshot included; OTA: {otaNew.DataBytesAdded / 1024.0 / Math.Max(1, otaNew.Versions):0.0} KB (no screenshot)"));
        foreach (var (round, ours, theirs) in new[] { ("round 1", ourNew, otaNew), ("round 2", ourSame, otaSame) })
            context.Figures.Add(Figure.AtMost(Name, $"{round}: peak RSS of the process tree", ours.PeakRssMiB, "MiB", 1024, $"OTA: {theirs.PeakRssMiB:0} MiB"));
        context.Figures.Add(Figure.Equal(Name, "round 1: new versions (ours)", ourNew.NewVersions, "versions", n, $"fidelity; OTA recorded {otaNew.Versions}"));
        context.Figures.Add(Figure.Equal(Name, "round 2: new versions (ours)", ourSame.NewVersions, "versions", 0, $"fidelity, noise ignored; OTA recorded {otaSame.Versions} versions and {otaSame.Snapshots} snapshots"));
    }

    /// <summary>Three rows for one speed: ours against its target, OTA's, and the ratio against its target.</summary>
    private static void Compare(BenchContext context, string metric, double ours, double theirs, double target, double ratioTarget, string shape)
    {
        context.Figures.Add(Figure.AtLeast(Name, metric, ours, "doc/s", target, $"ours, wall time from process start; {shape}"));
        context.Figures.Add(Figure.Info(Name, metric + " (OTA " + OtaEngine.Version + ")", theirs, "doc/s", "the same pages in the same run"));
        context.Figures.Add(Figure.AtLeast(Name, metric + ": ours ÷ OTA", ours / theirs, "×", ratioTarget));
    }

    private static void Describe(BenchContext context, string round, CaptureRound ours, OtaRound theirs)
    {
        context.Observations.Add(ours.Describe($"{round}, ours"));
        context.Observations.Add(string.Create(CultureInfo.InvariantCulture,
            $"{round}, OTA {OtaEngine.Version}: {theirs.Snapshots} snapshots and {theirs.Versions} versions in {theirs.Run.WallSeconds:0.0} s, {theirs.Errors} fetch errors, " +
            $"tree CPU {theirs.Run.Usage?.CpuSeconds:0.0} s, machine {theirs.Run.MachineUtilisation:P0} busy, peak RSS {theirs.PeakRssMiB:0} MiB, data +{theirs.DataBytesAdded / 1024.0:0} KB"));
    }
}
