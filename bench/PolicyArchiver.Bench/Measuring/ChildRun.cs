using System.Diagnostics;
using System.Text;

namespace PolicyArchiver.Bench.Measuring;

/// <summary>
/// Runs the real program as a child process, as a user would: its stdout is collected, its
/// stderr (progress lines) goes to a log file, and optionally its process tree is sampled.
/// </summary>
public static class ChildRun
{
    public static async Task<ChildResult> RunAsync(string app, IEnumerable<string> args, string stderrLog, bool sample, CancellationToken ct,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(app)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        var cpuBefore = SystemCpu.Read();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {app}");
        await using var sampler = sample ? new ProcessTreeSampler(process.Id) : null;
        var first = double.NaN;
        var stdout = new StringBuilder();
        var stderrTask = CopyStderrAsync(process, stderrLog, ct);
        var buffer = new char[8192];
        int n;
        while ((n = await process.StandardOutput.ReadAsync(buffer, ct)) > 0)
        {
            if (double.IsNaN(first)) first = clock.Elapsed.TotalSeconds;
            stdout.Append(buffer, 0, n);
        }
        await process.WaitForExitAsync(ct);
        var wall = clock.Elapsed.TotalSeconds;
        var usage = sampler is null ? null : await sampler.StopAsync();
        await stderrTask;
        return new ChildResult(process.ExitCode, stdout.ToString(), wall, first, usage, SystemCpu.Utilisation(cpuBefore, SystemCpu.Read()));
    }

    private static async Task CopyStderrAsync(Process process, string path, CancellationToken ct)
    {
        await using var log = new StreamWriter(path, append: true, Encoding.UTF8);
        await log.WriteLineAsync($"$ {process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)}");
        string? line;
        while ((line = await process.StandardError.ReadLineAsync(ct)) is not null) await log.WriteLineAsync(line);
    }
}
