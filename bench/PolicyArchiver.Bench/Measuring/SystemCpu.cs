using System.Globalization;

namespace PolicyArchiver.Bench.Measuring;

/// <summary>
/// Busy time of the whole machine from /proc/stat (everything but idle and iowait): with the
/// wall time it tells whether a round was CPU-bound (both cores busy) or waiting on something.
/// </summary>
public readonly record struct SystemCpu(long BusyTicks, long TotalTicks)
{
    public static SystemCpu Read()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = f.Take(8).Sum();
        return new SystemCpu(total - f[3] - f[4], total);
    }

    /// <summary>Fraction of all cores' time that was busy between two readings.</summary>
    public static double Utilisation(SystemCpu before, SystemCpu after) =>
        after.TotalTicks == before.TotalTicks ? 0 : (double)(after.BusyTicks - before.BusyTicks) / (after.TotalTicks - before.TotalTicks);
}
