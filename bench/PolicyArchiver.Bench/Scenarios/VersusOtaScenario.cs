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
    private static readonly TimeSpan ServicePeriod = TimeSpan.FromSeconds(20);

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

        // Then the run service on the same pages, every document scheduled each period: memory from round to round.
        var scheduled = Path.Combine(dir, "targets-scheduled.json");
        await site.WriteTargetsAsync(scheduled, context.Options.Port, ct, Select, $"0/{ServicePeriod.TotalSeconds:0} * * * * ?");
        var service = await ServiceRounds.RunAsync(context, archive, scheduled, 5, ServicePeriod, () => ObservationsAsync(archive, ct), ct);

        Describe(context, "round 1 (all new)", ourNew, otaNew);
        Describe(context, "round 2 (nothing changed)", ourSame, otaSame);
        Profile(context, "round 1", ourNew.Run.Usage, otaNew.Run.Usage, n);
        Profile(context, "round 2", ourSame.Run.Usage, otaSame.Run.Usage, n);
        Compare(context, "round 1, all new: documents/s", ourNew.DocumentsPerSecond, n / otaNew.Run.WallSeconds, 10, 8, shape);
        Compare(context, "round 2, unchanged: documents/s", ourSame.DocumentsPerSecond, n / otaSame.Run.WallSeconds, 50, 30, shape);
        context.Figures.Add(Figure.AtMost(Name, "round 2: archive growth per unchanged document", ourSame.ArchiveBytesAdded / 1024.0 / n, "KB", 2,
            $"OTA: {otaSame.DataBytesAdded / 1024.0 / n:0.0} KB (its git repositories)"));
        context.Figures.Add(Figure.AtMost(Name, "round 1: archive growth per new version", ourNew.ArchiveBytesAdded / 1024.0 / Math.Max(1, ourNew.NewVersions), "KB", 1024,
            $"screenshot included; OTA: {otaNew.DataBytesAdded / 1024.0 / Math.Max(1, otaNew.Versions):0.0} KB (no screenshot)"));
        foreach (var (round, ours, theirs) in new[] { ("round 1", ourNew, otaNew), ("round 2", ourSame, otaSame) })
            context.Figures.Add(Figure.AtMost(Name, $"{round}: peak RSS of the process tree", ours.PeakRssMiB, "MiB", 1024, $"OTA: {theirs.PeakRssMiB:0} MiB"));
        context.Figures.Add(Figure.AtMost(Name, "run service: peak RSS of the process tree over its rounds", service.PeakRssMiB.DefaultIfEmpty(double.NaN).Max(), "MiB", 1024,
            $"{service.PeakRssMiB.Count} periods of {ServicePeriod.TotalSeconds:0} s, {service.Observations} observations; per period: " +
            string.Join(", ", service.PeakRssMiB.Select(p => p.ToString("0", CultureInfo.InvariantCulture)))));
        context.Figures.Add(Figure.AtMost(Name, "run service: growth of peak RSS from its 2nd to its last round", service.GrowthMiB, "MiB", 32,
            "no growth across rounds (32 MiB: sampling noise of Chromium's processes)"));
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

    private static async Task<int> ObservationsAsync(string archive, CancellationToken ct)
    {
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(archive, "catalog.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync(ct);
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM observations";
        return Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>Where the CPU goes, per document and kind of process, ours next to OTA's: the profile per stage that BENCHMARKS.md reads.</summary>
    private static void Profile(BenchContext context, string round, Measuring.TreeUsage? ours, Measuring.TreeUsage? theirs, int n)
    {
        if (ours is null) return;
        var otas = theirs?.CpuSecondsByKind ?? new Dictionary<string, double>();
        foreach (var (kind, seconds) in ours.CpuSecondsByKind.OrderByDescending(k => k.Value).Where(k => k.Value >= 0.05))
            context.Figures.Add(Figure.Info(Name, $"{round}: CPU per document, {kind}", seconds / n, "s",
                otas.TryGetValue(kind, out var theirsSeconds) ? $"OTA: {theirsSeconds / n:0.00} s" : "ours only"));
        foreach (var (kind, seconds) in otas.Where(k => !ours.CpuSecondsByKind.ContainsKey(k.Key) && k.Value >= 0.05).OrderByDescending(k => k.Value))
            context.Figures.Add(Figure.Info(Name, $"{round}: CPU per document, {kind} (OTA)", seconds / n, "s", "OTA only"));
    }

    private static void Describe(BenchContext context, string round, CaptureRound ours, OtaRound theirs)
    {
        context.Observations.Add(ours.Describe($"{round}, ours"));
        context.Observations.Add(string.Create(CultureInfo.InvariantCulture,
            $"{round}, OTA {OtaEngine.Version}: {theirs.Snapshots} snapshots and {theirs.Versions} versions in {theirs.Run.WallSeconds:0.0} s, {theirs.Errors} fetch errors, " +
            $"tree CPU {theirs.Run.Usage?.CpuSeconds:0.0} s, machine {theirs.Run.MachineUtilisation:P0} busy, peak RSS {theirs.PeakRssMiB:0} MiB, data +{theirs.DataBytesAdded / 1024.0:0} KB"));
    }
}
