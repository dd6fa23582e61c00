using PolicyArchiver.Bench.Fixtures;
using PolicyArchiver.Bench.Reporting;

namespace PolicyArchiver.Bench.Scenarios;

/// <summary>
/// The memory target's own size: a 1,000-document round (10 per host on 100 hosts), then an
/// unchanged round, peak memory of the tree in each. Opt-in (<c>--only round1000</c>): it takes long.
/// </summary>
public static class Round1000Scenario
{
    private const string Name = "round1000";

    public static async Task RunAsync(BenchContext context, CancellationToken ct)
    {
        var site = FixtureSite.Generate(context.Ru, context.Kk, 1000, 100, seed: 1000);
        await site.PrintPdfsAsync(ct);
        var dir = context.Dir("round1000");
        var archive = Path.Combine(dir, "archive");
        if (Directory.Exists(archive)) Directory.Delete(archive, recursive: true);
        var targets = Path.Combine(dir, "targets.json");
        await site.WriteTargetsAsync(targets, context.Options.Port + 1, ct);
        await using var server = await FixtureServer.StartAsync(site, context.Options.Port + 1, ct);
        var fresh = await CaptureRound.RunAsync(context, archive, targets, ct);
        context.Observations.Add(fresh.Describe("1,000-document round 1"));
        context.Figures.Add(Figure.AtMost(Name, "1,000 new: peak RSS of the process tree", fresh.PeakRssMiB, "MiB", 1024, "sum of VmRSS over the tree every 100 ms"));
        context.Figures.Add(Figure.Info(Name, "1,000 new: peak PSS of the process tree", fresh.PeakPssMiB, "MiB"));
        context.Figures.Add(Figure.Info(Name, "1,000 new: documents/s", fresh.DocumentsPerSecond, "doc/s"));
        context.Figures.Add(Figure.Equal(Name, "1,000 new: ok observations", fresh.Ok, "obs", 1000, "fidelity"));
        var same = await CaptureRound.RunAsync(context, archive, targets, ct);
        context.Observations.Add(same.Describe("1,000-document round 2"));
        context.Figures.Add(Figure.AtMost(Name, "1,000 unchanged: peak RSS of the process tree", same.PeakRssMiB, "MiB", 1024));
        context.Figures.Add(Figure.Info(Name, "1,000 unchanged: documents/s", same.DocumentsPerSecond, "doc/s"));
    }
}
