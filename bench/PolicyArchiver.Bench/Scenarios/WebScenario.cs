using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using PolicyArchiver.Bench.Measuring;
using PolicyArchiver.Bench.Reporting;
using PolicyArchiver.Storage.FileSystem;
using PolicyArchiver.Storage.Sqlite;

namespace PolicyArchiver.Bench.Scenarios;

/// <summary>
/// The web archive at 10,000 documents: 1,000 companies × 10 documents (privacy policy, terms of
/// service, user agreement, personal-data policy in kk, ru and en), 12 observations and 4 versions
/// each (120,000 observations, 40,000 versions, 30,000 changes), written through
/// <see cref="SyntheticCatalog"/> (the catalog's bulk load and the real blob store, as an import
/// would; no browser). The real <c>policyarchiver serve</c> runs over it as its own process; each
/// page of <see cref="Pages"/> is asked once cold (its first request since the process started)
/// and then repeatedly warm, one request at a time. Opt-in (<c>--only web</c>).
/// </summary>
public static class WebScenario
{
    private const string Name = "web";
    private const int Companies = 1_000;
    private const int PerCompany = 10;
    private const int Observations = 12;
    private const int Versions = 4;
    private const int WarmRequests = 20;
    private const double WarmTargetMs = 300;

    private static readonly string[] Slots =
    [
        "privacy-policy-kk", "privacy-policy-ru", "privacy-policy-en", "terms-of-service-kk", "terms-of-service-ru", "terms-of-service-en",
        "user-agreement-kk", "user-agreement-ru", "personal-data-policy-kk", "personal-data-policy-ru",
    ];

    private static readonly string[] Sectors = ["banking", "telecom", "marketplace", "retail", "insurance"];

    /// <summary>
    /// The pages measured, in the order they are first asked. Add a page here to measure it; one
    /// that answers 404 (a page this build does not have yet, like <c>/search</c>) is skipped with a note.
    /// </summary>
    public static readonly IReadOnlyList<(string Page, string Path)> Pages =
    [
        ("home", "/"),
        ("company page", "/companies/company-0500"),
        ("document page", "/companies/company-0500/privacy-policy-ru"),
        ("/changes, first page", "/changes"),
        ("/changes, page 150 of 300", "/changes?page=150"),
        ("/api/changes, first 100", "/api/changes?limit=100"),
        ("/api/changes, 100 from offset 15,000", "/api/changes?offset=15000&limit=100"),
        ("/coverage", "/coverage"),
        ("/feed.atom", "/feed.atom"),
        ("company feed", "/companies/company-0500/feed.atom"),
        ("/search", "/search?q=" + Uri.EscapeDataString("хранение")),
    ];

    public static string Document(int d) => $"company-{d / PerCompany:D4}/{Slots[d % PerCompany]}";

    public static async Task RunAsync(BenchContext context, CancellationToken ct)
    {
        var dir = context.Dir($"catalog-web-{Companies * PerCompany}");
        var archive = Path.Combine(dir, "archive");
        var targets = Path.Combine(dir, "targets.json");
        var done = Path.Combine(dir, "complete");
        var scale = $"{Companies * PerCompany:N0} documents of {Companies:N0} companies, {Companies * PerCompany * Observations:N0} observations, " +
                    $"{Companies * PerCompany * Versions:N0} versions, {Companies * PerCompany * (Versions - 1):N0} changes";
        if (!File.Exists(done))
        {
            if (Directory.Exists(archive)) Directory.Delete(archive, recursive: true);
            var clock = Stopwatch.StartNew();
            await SyntheticCatalog.CreateAsync(archive, Companies * PerCompany, Observations, Versions, Document, context.Ru, ct);
            await WriteTargetsAsync(targets, ct);
            context.Observations.Add($"web: archive ({scale}) written through SqliteCatalog.ImportAsync and FileSystemBlobStore in {clock.Elapsed.TotalSeconds:0} s; " +
                                     "version texts are 20 generated Russian policies of ~20,000 characters reused across documents, so diffs are real but repeat");
            await File.WriteAllTextAsync(done, scale, ct);
        }
        else
        {
            context.Observations.Add($"web: archive ({scale}) reused from {dir}");
        }
        await MeasureAsync(context, archive, targets, ct);
    }

    private static async Task MeasureAsync(BenchContext context, string archive, string targets, CancellationToken ct)
    {
        var port = context.Options.Port + 3;
        var site = $"http://127.0.0.1:{port}";
        // The search index is derived: it is built anew each run, so that its first build is measured too.
        foreach (var f in Directory.EnumerateFiles(archive, "search.db*")) File.Delete(f);
        var info = new ProcessStartInfo(context.Options.App) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--archive", archive, "--targets", targets, "serve", "--urls", site }) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {context.Options.App}");
        // Read and dropped: a full pipe would stop the server. Request logs are not what is measured.
        _ = process.StandardOutput.ReadToEndAsync(ct);
        _ = process.StandardError.ReadToEndAsync(ct);
        await using var sampler = new ProcessTreeSampler(process.Id);
        using var http = new HttpClient { BaseAddress = new Uri(site), Timeout = TimeSpan.FromMinutes(10) };
        try
        {
            var started = Stopwatch.StartNew();
            while (!await AnswersAsync(http, "/healthz", ct))
            {
                if (process.HasExited) throw new InvalidOperationException($"serve exited with {process.ExitCode}");
                if (started.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("serve did not answer /healthz in 2 minutes");
                await Task.Delay(100, ct);
            }
            context.Figures.Add(Figure.Info(Name, "serve: start to first /healthz answer", started.Elapsed.TotalSeconds, "s", "process start, archive opened, Kestrel listening"));
            await AwaitSearchIndexAsync(context, http, started, ct);
            foreach (var (page, path) in Pages) await MeasurePageAsync(context, http, page, path, ct);
        }
        finally
        {
            var usage = await sampler.StopAsync();
            context.Figures.Add(Figure.Info(Name, "serve: peak RSS over every request", usage.PeakRssBytes / 1048576.0, "MiB",
                $"sum of VmRSS over the process tree every 100 ms; PSS {usage.PeakPssBytes / 1048576.0:0} MiB; CPU {usage.CpuSeconds:0.0} s"));
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(ct);
        }
    }

    /// <summary>
    /// The site builds its search index in the background from its start: one search while it
    /// builds (answered from the index so far after at most 2 s), then the time until it is complete,
    /// before any page is measured, so that the build's CPU does not weigh on their figures.
    /// </summary>
    private static async Task AwaitSearchIndexAsync(BenchContext context, HttpClient http, Stopwatch started, CancellationToken ct)
    {
        const string probe = "/api/search?q=%D1%85%D1%80%D0%B0%D0%BD%D0%B5%D0%BD%D0%B8%D0%B5&limit=1";
        var clock = Stopwatch.StartNew();
        using (var first = await http.GetAsync(probe, ct))
        {
            if (first.StatusCode == HttpStatusCode.NotFound) return;
            var building = first.Headers.TryGetValues("X-Search-Index", out var v) ? string.Join(",", v) : "complete";
            context.Figures.Add(Figure.Info(Name, "/api/search while the index is first built", clock.Elapsed.TotalMilliseconds, "ms", $"answered from the index so far: {building}"));
        }
        while (true)
        {
            using var response = await http.GetAsync(probe, ct);
            if (!response.Headers.Contains("X-Search-Index")) break;
            if (started.Elapsed > TimeSpan.FromMinutes(30)) throw new TimeoutException("the search index was not built in 30 minutes");
            await Task.Delay(1000, ct);
        }
        context.Figures.Add(Figure.Info(Name, "search index: first build in the background", started.Elapsed.TotalSeconds, "s",
            $"from serve's start until /api/search no longer says it is building; {Companies * PerCompany * Versions:N0} versions"));
    }

    private static async Task MeasurePageAsync(BenchContext context, HttpClient http, string page, string path, CancellationToken ct)
    {
        var (cold, status, bytes) = await GetAsync(http, path, ct);
        if (status == HttpStatusCode.NotFound)
        {
            context.Observations.Add($"web: {page} ({path}) skipped: 404, this build has no such page");
            return;
        }
        if (status != HttpStatusCode.OK) throw new InvalidOperationException($"{path}: HTTP {(int)status}");
        // A page that takes seconds is asked fewer times: the figure is clear, and the run must end.
        var count = cold > 5_000 ? 3 : WarmRequests;
        var warm = new List<double>();
        for (var i = 0; i < count; i++) warm.Add((await GetAsync(http, path, ct)).Ms);
        var median = Stats.Median(warm);
        context.Figures.Add(Figure.Info(Name, $"{page}: cold", cold, "ms", $"GET {path}, its first request since serve started; {bytes / 1024.0:0} KiB"));
        context.Figures.Add(Figure.AtMost(Name, $"{page}: warm median", median, "ms", WarmTargetMs, $"{count} requests one at a time"));
        context.Figures.Add(Figure.Info(Name, $"{page}: warm p95", Stats.Percentile(warm, 95), "ms", $"{count} requests"));
    }

    /// <summary>One GET, timed until its whole body has arrived.</summary>
    private static async Task<(double Ms, HttpStatusCode Status, long Bytes)> GetAsync(HttpClient http, string path, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
        var bytes = (await response.Content.ReadAsByteArrayAsync(ct)).LongLength;
        return (clock.Elapsed.TotalMilliseconds, response.StatusCode, bytes);
    }

    private static async Task<bool> AnswersAsync(HttpClient http, string path, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(path, ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>targets.json for the synthetic archive: the same documents, with names, sectors and addresses.</summary>
    private static async Task WriteTargetsAsync(string path, CancellationToken ct)
    {
        var companies = Enumerable.Range(0, Companies).Select(c =>
        {
            var id = $"company-{c:D4}";
            return new
            {
                id,
                name = string.Create(CultureInfo.InvariantCulture, $"АО «Компания {c}»"),
                sector = Sectors[c % Sectors.Length],
                homepage = $"https://{id}.kz/",
                documents = Slots.Select(s => new { id = s, type = s[..s.LastIndexOf('-')], language = s[(s.LastIndexOf('-') + 1)..], url = $"https://{id}.kz/{s}" }).ToList(),
            };
        });
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { companies }), ct);
    }
}
