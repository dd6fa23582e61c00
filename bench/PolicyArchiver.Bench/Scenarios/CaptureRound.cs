using System.Text.Json;
using PolicyArchiver.Bench.Measuring;

namespace PolicyArchiver.Bench.Scenarios;

/// <summary>One <c>policyarchiver capture</c> round over a fixture site, with what it did to the archive.</summary>
/// <param name="Run">The child process's run, its tree sampled.</param>
/// <param name="Documents">Observations the round recorded.</param>
/// <param name="Ok">Of which ok.</param>
/// <param name="NewVersions">Of which recorded a new version.</param>
/// <param name="ArchiveBytesAdded">Growth of the archive directory (sum of file sizes).</param>
public sealed record CaptureRound(ChildResult Run, int Documents, int Ok, int NewVersions, long ArchiveBytesAdded)
{
    public double DocumentsPerSecond => Documents / Run.WallSeconds;

    public double CpuSecondsPerDocument => (Run.Usage?.CpuSeconds ?? double.NaN) / Documents;

    public double PeakRssMiB => (Run.Usage?.PeakRssBytes ?? 0) / 1048576.0;

    public double PeakPssMiB => (Run.Usage?.PeakPssBytes ?? 0) / 1048576.0;

    /// <summary>Runs <c>capture --json --loopback-only --concurrency N</c> and reads its observations.</summary>
    public static async Task<CaptureRound> RunAsync(BenchContext context, string archive, string targets, CancellationToken ct)
    {
        var before = DirectorySize.Of(archive);
        var run = await ChildRun.RunAsync(context.Options.App,
            ["--archive", archive, "--targets", targets, "capture", "--json", "--loopback-only", "--concurrency", context.Options.Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            context.Log, sample: true, ct);
        if (run.ExitCode != 0) throw new InvalidOperationException($"capture exited {run.ExitCode}; see {context.Log}");
        var added = DirectorySize.Of(archive) - before;
        using var json = JsonDocument.Parse(run.Stdout);
        var observations = json.RootElement.EnumerateArray().ToList();
        var ok = observations.Count(o => o.GetProperty("outcome").GetString() == "ok");
        var fresh = observations.Count(o => o.GetProperty("newVersion").GetBoolean());
        var failed = observations.Where(o => o.GetProperty("outcome").GetString() != "ok").Take(3)
            .Select(o => $"{o.GetProperty("document").GetString()}: {o.GetProperty("outcome").GetString()} {o.GetProperty("detail")}").ToList();
        foreach (var f in failed) Console.Error.WriteLine($"  not ok: {f}");
        return new CaptureRound(run, observations.Count, ok, fresh, added);
    }

    public string Describe(string name) =>
        $"{name}: {Documents} documents in {Run.WallSeconds:0.0} s ({DocumentsPerSecond:0.00}/s), {Ok} ok, {NewVersions} new versions, " +
        $"tree CPU {Run.Usage?.CpuSeconds:0.0} s ({CpuSecondsPerDocument:0.00} s/document), machine {Run.MachineUtilisation:P0} busy, " +
        $"peak RSS {PeakRssMiB:0} MiB (PSS {PeakPssMiB:0} MiB, {Run.Usage?.PeakProcesses} processes), archive +{ArchiveBytesAdded / 1024.0:0} KB";
}
