using System.Diagnostics;
using System.Globalization;
using PolicyArchiver.Bench.Measuring;

namespace PolicyArchiver.Bench.Scenarios;

/// <summary>
/// The <c>run</c> service over several scheduled rounds: every document on a cron that fires
/// every <c>period</c>, the process tree sampled per period, so that memory held from one round
/// to the next (a leak, a cache without bound) shows as growth between the rounds' peaks.
/// </summary>
/// <param name="PeakRssMiB">The tree's peak resident memory in each period, the first one including start-up.</param>
public sealed record ServiceRounds(IReadOnlyList<double> PeakRssMiB, int Observations)
{
    /// <summary>Peak of the last round less the peak of the second (the first holds the start: JIT, the browser's launch).</summary>
    public double GrowthMiB => PeakRssMiB.Count < 3 ? double.NaN : PeakRssMiB[^1] - PeakRssMiB[1];

    public static async Task<ServiceRounds> RunAsync(BenchContext context, string archive, string scheduledTargets, int rounds, TimeSpan period,
        Func<Task<int>> countObservations, CancellationToken ct)
    {
        var before = await countObservations();
        var info = new ProcessStartInfo(context.Options.App) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--archive", archive, "--targets", scheduledTargets, "run", "--no-web", "--loopback-only", "--time-zone", "UTC",
                     "--concurrency", context.Options.Concurrency.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {context.Options.App} run");
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(ct), CopyAsync(process.StandardError, context.Log, ct));
        var peaks = new List<double>();
        try
        {
            for (var i = 0; i < rounds && !process.HasExited; i++)
            {
                await using var sampler = new ProcessTreeSampler(process.Id);
                await Task.Delay(period, ct);
                peaks.Add((await sampler.StopAsync()).PeakRssBytes / 1048576.0);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                // SIGTERM, as a service manager stops it; killed if it does not stop.
                using (Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])) { }
                try { await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct); }
                catch (TimeoutException) { process.Kill(entireProcessTree: true); }
            }
            await drain;
        }
        return new ServiceRounds(peaks, await countObservations() - before);
    }

    private static async Task CopyAsync(StreamReader from, string log, CancellationToken ct)
    {
        await using var to = new StreamWriter(log, append: true);
        await to.WriteLineAsync("$ policyarchiver run (service rounds)");
        string? line;
        while ((line = await from.ReadLineAsync(ct)) is not null) await to.WriteLineAsync(line);
    }
}
