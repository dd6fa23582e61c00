namespace PolicyArchiver.Bench.Measuring;

/// <summary>What a process tree used, as sampled by <see cref="ProcessTreeSampler"/>.</summary>
/// <param name="CpuSeconds">User + system CPU of every process seen in the tree.</param>
/// <param name="PeakRssBytes">Largest sum of resident set sizes of the tree's processes at one sample.</param>
/// <param name="PeakPssBytes">Largest sum of proportional set sizes (shared pages divided among sharers), sampled every second.</param>
/// <param name="PeakProcesses">Most processes in the tree at one sample.</param>
/// <param name="Samples">Number of samples taken.</param>
public sealed record TreeUsage(double CpuSeconds, long PeakRssBytes, long PeakPssBytes, int PeakProcesses, int Samples)
{
    /// <summary>The same CPU per kind of process (the program, Chromium's browser, renderer and GPU processes, node…): the profile per stage.</summary>
    public IReadOnlyDictionary<string, double> CpuSecondsByKind { get; init; } = new Dictionary<string, double>();
}
