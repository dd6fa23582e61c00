using System.Diagnostics;
using System.Text;
using PolicyArchiver.Bench.Fixtures;
using PolicyArchiver.Bench.Measuring;
using PolicyArchiver.Bench.Reporting;
using PolicyArchiver.Extraction;
using UglyToad.PdfPig;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Bench.Scenarios;

/// <summary>
/// Scenario 4, in process on one thread: <see cref="HtmlExtractor"/> over the fixture site's
/// pages (MB of UTF-8 input per second), and <see cref="PdfExtractor"/> over its PDFs (pages per
/// second) next to poppler's <c>pdftotext</c> on the same files.
/// </summary>
public static class ExtractionScenario
{
    private const string Name = "extract";
    private static readonly TimeSpan MinimumTime = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(BenchContext context, CancellationToken ct)
    {
        var site = await context.SiteAsync(ct);
        Html(context, site);
        await PdfAsync(context, site, ct);
    }

    private static void Html(BenchContext context, FixtureSite site)
    {
        var pages = site.Documents.Where(d => d.Template is not null)
            .Select(d => (Html: NoiseFiller.Fill(d.Template!), Url: new Uri(d.Url(context.Options.Port)), d.Kind)).ToList();
        var bytes = pages.Sum(p => (long)Encoding.UTF8.GetByteCount(p.Html));
        foreach (var p in pages.Take(3)) HtmlExtractor.Extract(p.Html, ExtractionRules.Default, p.Url); // JIT warm-up
        var clock = Stopwatch.StartNew();
        var passes = 0;
        var chars = 0L;
        do
        {
            foreach (var p in pages) chars += HtmlExtractor.Extract(p.Html, ExtractionRules.Default, p.Url).Length;
            passes++;
        }
        while (clock.Elapsed < MinimumTime);
        var mbps = bytes * passes / 1e6 / clock.Elapsed.TotalSeconds;
        context.Figures.Add(Figure.AtLeast(Name, "HTML extraction, one thread", mbps, "MB/s", 20,
            $"{pages.Count} pages, {bytes / 1e6:0.0} MB UTF-8, {passes} passes; MB = 10^6 bytes of input HTML"));
        var statics = pages.Where(p => p.Kind == PageKind.Html).ToList();
        var staticBytes = statics.Sum(p => (long)Encoding.UTF8.GetByteCount(p.Html));
        var c2 = Stopwatch.StartNew();
        foreach (var p in statics) HtmlExtractor.Extract(p.Html, ExtractionRules.Default, p.Url);
        context.Observations.Add($"HTML extraction: {bytes * passes / 1e6:0.0} MB in {clock.Elapsed.TotalSeconds:0.0} s; {chars / passes / 1e6:0.00} M chars of text out per pass; " +
            $"server-rendered pages alone: {staticBytes / 1e6 / c2.Elapsed.TotalSeconds:0.0} MB/s ({statics.Count} pages, avg {staticBytes / Math.Max(1, statics.Count) / 1024} KB)");
    }

    private static async Task PdfAsync(BenchContext context, FixtureSite site, CancellationToken ct)
    {
        var pdfs = site.Documents.Where(d => d.Pdf is not null).Select(d => d.Pdf!).ToList();
        if (pdfs.Count == 0) return;
        var dir = context.Dir("pdf");
        var files = new List<string>();
        for (var i = 0; i < pdfs.Count; i++)
        {
            var path = Path.Combine(dir, $"doc-{i:D3}.pdf");
            await File.WriteAllBytesAsync(path, pdfs[i], ct);
            files.Add(path);
        }
        var pages = pdfs.Sum(p => { using var d = PdfDocument.Open(p); return d.NumberOfPages; });
        PdfExtractor.Extract(pdfs[0]); // warm-up
        var ours = new List<double>();
        for (var pass = 0; pass < 3; pass++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var p in pdfs) PdfExtractor.Extract(p);
            ours.Add(clock.Elapsed.TotalSeconds);
        }
        var theirs = new List<double>();
        for (var pass = 0; pass < 3; pass++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var f in files) await PdfToTextAsync(f, ct);
            theirs.Add(clock.Elapsed.TotalSeconds);
        }
        var oursS = Stats.Median(ours);
        var theirsS = Stats.Median(theirs);
        context.Figures.Add(Figure.Info(Name, "PDF extraction (PdfExtractor), one thread", pages / oursS, "pages/s", $"{pdfs.Count} PDFs, {pages} pages, median of 3 passes"));
        context.Figures.Add(Figure.Info(Name, "pdftotext on the same files", pages / theirsS, "pages/s", "one pdftotext process per file, start-up included"));
        context.Figures.Add(Figure.AtMost(Name, "PDF extraction time ÷ pdftotext time", oursS / theirsS, "×", 5));
    }

    private static async Task PdfToTextAsync(string file, CancellationToken ct)
    {
        var info = new ProcessStartInfo("pdftotext") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("-enc");
        info.ArgumentList.Add("UTF-8");
        info.ArgumentList.Add(file);
        info.ArgumentList.Add(Path.ChangeExtension(file, ".txt"));
        using var p = Process.Start(info)!;
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0) throw new InvalidOperationException($"pdftotext {file} exited {p.ExitCode}");
    }
}
