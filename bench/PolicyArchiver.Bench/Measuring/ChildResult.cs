namespace PolicyArchiver.Bench.Measuring;

/// <summary>One run of the program under test.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Stdout">Everything it wrote on standard output.</param>
/// <param name="WallSeconds">From process start to exit.</param>
/// <param name="FirstOutputSeconds">From process start to its first byte on standard output (NaN if none).</param>
/// <param name="Usage">The process tree's CPU and memory, when sampled.</param>
/// <param name="MachineUtilisation">Fraction of both cores busy during the run (the whole machine).</param>
public sealed record ChildResult(int ExitCode, string Stdout, double WallSeconds, double FirstOutputSeconds, TreeUsage? Usage, double MachineUtilisation);
