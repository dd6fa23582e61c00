using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using PolicyArchiver.Bench.Measuring;

namespace PolicyArchiver.Bench.Fixtures;

/// <summary>
/// Open Terms Archive's engine, the tool a researcher would pick instead of ours, installed from
/// npm at a pinned version and run on the same fixture pages: one service per company, one
/// terms entry per document, rendered in Chromium (<c>executeClientScripts</c>) with the same
/// <c>select</c>, snapshots and versions in its own git repositories.
/// </summary>
public sealed partial class OtaEngine
{
    public const string Version = "9.1.0";

    // A service holds each terms type once: a company's k-th document takes the k-th type.
    private static readonly string[] TermsTypes =
    [
        "Privacy Policy", "Terms of Service", "General Conditions of Sale", "Trackers Policy", "User Consent Policy",
        "Acceptable Use Policy", "Commercial Terms", "Complaints Policy", "Data Processor Agreement", "Community Guidelines",
    ];

    private readonly string _engineBin;
    private readonly string _browser;

    private OtaEngine(string engineBin, string browser) => (_engineBin, _browser) = (engineBin, browser);

    /// <summary>
    /// Installs <c>@opentermsarchive/engine</c> into <paramref name="dir"/> unless it is there at
    /// this version. Puppeteer's own browser download is skipped (no internet here): it runs
    /// Debian's Chromium, through a wrapper adding <c>--no-sandbox</c> when run as root, where
    /// Chromium refuses to start sandboxed.
    /// </summary>
    public static async Task<OtaEngine> InstallAsync(string dir, string chromium, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        var package = Path.Combine(dir, "node_modules", "@opentermsarchive", "engine", "package.json");
        if (!File.Exists(package) || JsonDocument.Parse(await File.ReadAllTextAsync(package, ct)).RootElement.GetProperty("version").GetString() != Version)
        {
            Console.Error.WriteLine($"ota: npm install @opentermsarchive/engine@{Version} into {dir} …");
            await File.WriteAllTextAsync(Path.Combine(dir, "package.json"), "{\"name\":\"ota-bench\",\"private\":true}", ct);
            var npm = new ProcessStartInfo("npm") { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "install", "--no-audit", "--no-fund", "--loglevel=error", $"@opentermsarchive/engine@{Version}" }) npm.ArgumentList.Add(a);
            npm.Environment["PUPPETEER_SKIP_DOWNLOAD"] = "1";
            using var p = Process.Start(npm) ?? throw new InvalidOperationException("could not start npm");
            var stderr = p.StandardError.ReadToEndAsync(ct);
            await p.StandardOutput.ReadToEndAsync(ct);
            await p.WaitForExitAsync(ct);
            if (p.ExitCode != 0) throw new InvalidOperationException($"npm install @opentermsarchive/engine@{Version} exited {p.ExitCode}: {await stderr}");
        }
        var wrapper = Path.Combine(dir, "chromium-for-puppeteer");
        var sandbox = Environment.UserName == "root" ? " --no-sandbox" : "";
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec {chromium}{sandbox} \"$@\"\n", ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        return new OtaEngine(Path.Combine(dir, "node_modules", "@opentermsarchive", "engine", "bin", "ota.js"), wrapper);
    }

    /// <summary>A collection (declarations, data) for the site in <paramref name="dir"/>, written anew.</summary>
    public static async Task WriteCollectionAsync(FixtureSite site, string dir, int port, string select, CancellationToken ct)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var declarations = Directory.CreateDirectory(Path.Combine(dir, "declarations")).FullName;
        foreach (var company in site.Documents.GroupBy(d => d.Company))
        {
            var terms = company.Select((d, k) => (Type: TermsTypes[k % TermsTypes.Length], d))
                .ToDictionary(t => t.Type, t => new { fetch = t.d.Url(port), select, executeClientScripts = true });
            var service = new { name = company.First().CompanyName, terms };
            await File.WriteAllTextAsync(Path.Combine(declarations, company.Key + ".json"), JsonSerializer.Serialize(service), ct);
        }
    }

    /// <summary>One <c>ota track</c> over the collection in <paramref name="dir"/>, its process tree sampled.</summary>
    public async Task<OtaRound> TrackAsync(string dir, string log, CancellationToken ct)
    {
        var data = Path.Combine(dir, "data");
        var before = Directory.Exists(data) ? DirectorySize.Of(data) : 0;
        var run = await ChildRun.RunAsync("node", [_engineBin, "track"], log, sample: true, ct,
            new Dictionary<string, string> { ["PUPPETEER_EXECUTABLE_PATH"] = _browser, ["PUPPETEER_SKIP_DOWNLOAD"] = "1", ["NO_COLOR"] = "1", ["FORCE_COLOR"] = "0" }, dir);
        if (run.ExitCode != 0) throw new InvalidOperationException($"ota track exited {run.ExitCode}; see {log}");
        // The last summary line is the tracking's ("Recorded N new snapshots and M new versions"); the first is the extract-only pass.
        var summary = Summary().Matches(run.Stdout).LastOrDefault() ?? throw new InvalidOperationException($"ota track printed no summary; see {log}");
        var errors = Failure().Matches(run.Stdout).Count;
        return new OtaRound(run, int.Parse(summary.Groups[1].Value), int.Parse(summary.Groups[2].Value), errors, DirectorySize.Of(data) - before);
    }

    [GeneratedRegex(@"Recorded (\d+) new snapshots and (\d+) new versions")]
    private static partial Regex Summary();

    [GeneratedRegex(@"\berror\b.*(Timed out|Received HTTP code|net::ERR_)", RegexOptions.IgnoreCase)]
    private static partial Regex Failure();
}

/// <summary>One <c>ota track</c> run: what it recorded and what it cost.</summary>
public sealed record OtaRound(ChildResult Run, int Snapshots, int Versions, int Errors, long DataBytesAdded)
{
    public double PeakRssMiB => (Run.Usage?.PeakRssBytes ?? 0) / 1048576.0;
}
