using System.Globalization;

namespace PolicyArchiver.Bench.Measuring;

/// <summary>
/// Samples a process and all its descendants every 100 ms from /proc. Memory: the sum of the
/// tree's resident set sizes (<c>/proc/PID/stat</c> field 24, the same figure as VmRSS) at each
/// sample, of which the peak is kept; shared pages (Chromium's processes share many) are counted
/// once per process, so this overstates what the tree costs the machine, which PSS
/// (<c>/proc/PID/smaps_rollup</c>, sampled every second) does not. CPU: for every process seen,
/// identified by PID and start time, its last utime + stime; their sum covers processes that
/// have exited since (only what a process used in its last 100 ms, or in a life shorter than
/// that, is missed). cutime/cstime are not added, which would count reaped children twice.
/// </summary>
public sealed class ProcessTreeSampler : IAsyncDisposable
{
    private static readonly double TicksPerSecond = ClockTicks();
    private readonly int _root;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Dictionary<(int Pid, long Start), long> _cpuTicks = [];
    private readonly Dictionary<(int Pid, long Start), string> _kinds = [];
    private long _peakRss;
    private long _peakPss;
    private int _peakProcesses;
    private int _samples;

    public ProcessTreeSampler(int root, TimeSpan? interval = null)
    {
        _root = root;
        _loop = RunAsync(interval ?? TimeSpan.FromMilliseconds(100), _stop.Token);
    }

    /// <summary>Stops sampling (after one last sample) and returns the totals.</summary>
    public async Task<TreeUsage> StopAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
        var byKind = _cpuTicks.GroupBy(c => _kinds.GetValueOrDefault(c.Key, "other"))
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Value) / TicksPerSecond);
        return new TreeUsage(_cpuTicks.Values.Sum() / TicksPerSecond, _peakRss, _peakPss, _peakProcesses, _samples) { CpuSecondsByKind = byKind };
    }

    private async Task RunAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        do Sample(withPss: _samples % 10 == 0);
        while (await timer.WaitForNextTickAsync(ct));
    }

    private void Sample(bool withPss)
    {
        var stats = new Dictionary<int, (int Parent, long Start, long Ticks, long Rss)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (ReadStat(pid) is { } s) stats[pid] = s;
        }
        var children = stats.GroupBy(s => s.Value.Parent).ToDictionary(g => g.Key, g => g.Select(x => x.Key).ToList());
        var tree = new List<int>();
        if (stats.ContainsKey(_root)) tree.Add(_root);
        for (var i = 0; i < tree.Count; i++)
            if (children.TryGetValue(tree[i], out var kids)) tree.AddRange(kids);
        if (tree.Count == 0) return;
        _samples++;
        long rss = 0;
        long pss = 0;
        foreach (var pid in tree)
        {
            var s = stats[pid];
            rss += s.Rss * Environment.SystemPageSize;
            var key = (pid, s.Start);
            _cpuTicks[key] = Math.Max(_cpuTicks.GetValueOrDefault(key), s.Ticks);
            // Debian's chromium is a shell script that execs the browser: a process first seen as the
            // shell is looked at again, until it is what it became.
            if (!_kinds.TryGetValue(key, out var kind) || kind is "sh" or "bash" or "dash") _kinds[key] = KindOf(pid);
            if (withPss) pss += ReadPss(pid);
        }
        _peakRss = Math.Max(_peakRss, rss);
        _peakPss = Math.Max(_peakPss, pss);
        _peakProcesses = Math.Max(_peakProcesses, tree.Count);
    }

    private static (int Parent, long Start, long Ticks, long Rss)? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces and parentheses: fields resume after the last ')'.
            var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long L(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture);
            return ((int)L(4), L(22), L(14) + L(15), L(24));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // exited between listing and reading
        }
    }

    /// <summary>
    /// What a process is, from its command line, so that CPU reads per stage: the program itself,
    /// Chromium's browser process (navigation, request interception, screenshot encoding), its
    /// renderers (parsing, layout, scripts), its GPU process (rasterising), the Playwright
    /// driver (node, every call and body crossing its pipe) or OTA's own node. Chromium rewrites
    /// its argv into one space-separated string, so the type is looked for in the words.
    /// </summary>
    private static string KindOf(int pid)
    {
        try
        {
            var words = File.ReadAllText($"/proc/{pid}/cmdline").Split(['\0', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) return "other";
            var exe = Path.GetFileName(words[0]);
            if (exe.Contains("chrom", StringComparison.OrdinalIgnoreCase))
                return "Chromium " + (words.FirstOrDefault(w => w.StartsWith("--type=", StringComparison.Ordinal))?["--type=".Length..] ?? "browser");
            if (exe == "node")
                return words.Any(w => w.Contains("playwright", StringComparison.OrdinalIgnoreCase) || w.EndsWith("cli.js", StringComparison.Ordinal))
                    ? "Playwright driver (node)" : "node";
            if (exe is "policyarchiver" or "dotnet") return "policyarchiver (.NET)";
            return exe;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "other";
        }
    }

    private static long ReadPss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return 0;
    }

    /// <summary>USER_HZ, the unit of utime and stime: 100 on every Linux this runs on, asked of getconf when it is there.</summary>
    private static double ClockTicks()
    {
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or FormatException)
        {
            return 100;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }
}
