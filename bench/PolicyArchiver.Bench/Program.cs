using PolicyArchiver.Bench;
using PolicyArchiver.Bench.Fixtures;
using PolicyArchiver.Bench.Reporting;
using PolicyArchiver.Bench.Scenarios;

// The benchmark harness: builds a local fixture site, runs the real policyarchiver against it,
// prints figures next to their targets, writes bench/results/latest.json and BENCHMARKS.md.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"bench: {e.Message}\nusage: bash bench/run [--size smoke|full] [--only {string.Join(",", BenchOptions.AllScenarios)}] [--capture-size smoke|full] [--concurrency N] [--corpus DIR] [--keep]");
    return 2;
}
if (!File.Exists(options.App))
{
    Console.Error.WriteLine($"bench: {options.App} not found: build it first (bash bench/run does)");
    return 2;
}
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var ct = cts.Token;

Directory.CreateDirectory(options.Work);
var (ru, kk) = SeedText.Find(options.Repo);
var context = new BenchContext(options, ru, kk);
var machine = MachineInfo.Read(options.Repo);
var command = Environment.GetEnvironmentVariable("BENCH_COMMAND") ?? $"bash bench/run {string.Join(' ', args)}".TrimEnd();
Console.Error.WriteLine($"bench: size {options.Size.Name} (capture {options.CaptureSize.Name}), scenarios {string.Join(",", options.Only)}, program {options.App}, work {options.Work}");

var scenarios = new (string Name, Func<BenchContext, CancellationToken, Task> Run)[]
{
    ("capture", CaptureScenario.RunAsync),
    ("extract", ExtractionScenario.RunAsync),
    ("diff", DiffScenario.RunAsync),
    ("catalog", CatalogScenario.RunAsync),
    ("import", ImportScenario.RunAsync),
    ("round1000", Round1000Scenario.RunAsync),
    ("hugepage", HugePageScenario.RunAsync),
    ("fidelity", FidelityScenario.RunAsync),
    ("versus", VersusOtaScenario.RunAsync),
    ("web", WebScenario.RunAsync),
    ("resources", SharedResourcesScenario.RunAsync),
};
var failed = false;
foreach (var (name, run) in scenarios.Where(s => options.Runs(s.Name)))
{
    var clock = System.Diagnostics.Stopwatch.StartNew();
    Console.Error.WriteLine($"bench: {name} …");
    // Other work on the machine skews every figure: say how loaded it was when the scenario began.
    context.Observations.Add($"{name}: load average before start {File.ReadAllText("/proc/loadavg").Trim()}");
    try
    {
        await run(context, ct);
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        failed = true;
        Console.Error.WriteLine($"bench: {name} failed: {e}");
        context.Figures.Add(new Figure(name, "scenario failed", null, "", "—", false, e.Message.ReplaceLineEndings(" ")));
    }
    Console.Error.WriteLine($"bench: {name} done in {clock.Elapsed.TotalSeconds:0} s");
}

Console.WriteLine();
Console.WriteLine(ResultTable.Text(context.Figures));
foreach (var o in context.Observations) Console.WriteLine($"- {o}");
var section = options.Section;
await ResultsJson.WriteAsync(Path.Combine(options.Repo, "bench", "results", $"{section ?? "latest"}.json"), machine, options, command, context.Figures, context.Observations, ct);
// The real-corpus fidelity run and the huge page have sections of their own: measured alone, they leave the other figures in place.
await BenchmarksMarkdown.WriteAsync(Path.Combine(options.Repo, "BENCHMARKS.md"), machine, command, context.Figures, context.Observations, ct, section);
Console.Error.WriteLine($"bench: wrote bench/results/{section ?? "latest"}.json and BENCHMARKS.md");
if (!options.Keep)
    foreach (var d in Directory.EnumerateDirectories(options.Work).Where(d => !Path.GetFileName(d).StartsWith("catalog-", StringComparison.Ordinal) && Path.GetFileName(d) != "ota-engine"))
        Directory.Delete(d, recursive: true);
return failed ? 1 : 0;
