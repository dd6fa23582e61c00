namespace PolicyArchiver.Bench;

/// <summary>The harness's command line: which size, which scenarios, and where the program under test is.</summary>
public sealed record BenchOptions(
    BenchSize Size,
    BenchSize CaptureSize,
    IReadOnlySet<string> Only,
    int Concurrency,
    string App,
    string Repo,
    string Work,
    int Port,
    bool Keep,
    string? Corpus = null)
{
    /// <summary>
    /// Every scenario, in the order they run. <c>round1000</c>, <c>hugepage</c>, <c>versus</c>, <c>web</c> and <c>resources</c> are opt-in:
    /// they take long (<c>versus</c> also installs Open Terms Archive's engine from npm); <c>fidelity</c> needs a real corpus (<c>--corpus DIR</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> AllScenarios = ["capture", "extract", "diff", "catalog", "import", "round1000", "hugepage", "fidelity", "versus", "web", "resources"];

    /// <summary>Scenarios that, measured alone, write a section of BENCHMARKS.md and a results file of their own.</summary>
    public static readonly IReadOnlyList<string> OwnSection = ["hugepage", "fidelity", "versus", "web", "resources"];

    private static readonly IReadOnlyList<string> Default = ["capture", "extract", "diff", "catalog", "import"];

    public bool Runs(string scenario) => Only.Contains(scenario);

    /// <summary>The one scenario with a section of its own when it is all that runs; null otherwise.</summary>
    public string? Section => Only.Count == 1 && OwnSection.Contains(Only.First()) ? Only.First() : null;

    public static BenchOptions Parse(string[] args)
    {
        var size = BenchSize.Smoke;
        BenchSize? captureSize = null;
        IReadOnlySet<string> only = Default.ToHashSet();
        var concurrency = 4;
        string? app = null;
        var repo = Directory.GetCurrentDirectory();
        string? work = null;
        var port = 47811;
        var keep = false;
        string? corpus = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--size": size = BenchSize.Parse(Next()); break;
                // The capture rounds alone at another size: on a slow machine, full size for the rest and smoke for capture.
                case "--capture-size": captureSize = BenchSize.Parse(Next()); break;
                case "--only":
                    only = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                    foreach (var s in only)
                        if (!AllScenarios.Contains(s)) throw new ArgumentException($"--only {s}: expected some of {string.Join(",", AllScenarios)}");
                    break;
                case "--concurrency": concurrency = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--app": app = Next(); break;
                case "--repo": repo = Next(); break;
                case "--work": work = Next(); break;
                case "--port": port = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--keep": keep = true; break;
                case "--corpus": corpus = Path.GetFullPath(Next()); break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        repo = Path.GetFullPath(repo);
        app ??= Path.Combine(repo, "bench", "out", "app", "policyarchiver");
        work ??= Path.Combine(repo, "bench", "work");
        return new BenchOptions(size, captureSize ?? size, only, concurrency, Path.GetFullPath(app), repo, Path.GetFullPath(work), port, keep, corpus);
    }
}
