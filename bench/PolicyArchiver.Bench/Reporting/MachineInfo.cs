using System.Diagnostics;
using System.Globalization;

namespace PolicyArchiver.Bench.Reporting;

/// <summary>What the figures were measured on: CPU model and count, memory, OS, runtime, commit.</summary>
public sealed record MachineInfo(string Cpu, int Cores, double MemoryGiB, string Os, string Runtime, string Commit, string Chromium, DateTimeOffset Date)
{
    public static MachineInfo Read(string repo)
    {
        var cpuinfo = File.ReadAllLines("/proc/cpuinfo");
        var model = cpuinfo.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "Linux"
            : "Linux";
        return new MachineInfo(model, Environment.ProcessorCount, double.Parse(memKb, CultureInfo.InvariantCulture) / 1024 / 1024,
            os, System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, Run("git", repo, "rev-parse", "HEAD"),
            Run("/usr/bin/chromium", repo, "--version"), DateTimeOffset.UtcNow);
    }

    private static string Run(string file, string directory, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            var output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
