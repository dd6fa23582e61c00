using PolicyArchiver.Bench.Fixtures;
using PolicyArchiver.Bench.Reporting;

namespace PolicyArchiver.Bench;

/// <summary>What the scenarios share: options, seed texts, the fixture site once built, and the figures measured so far.</summary>
public sealed class BenchContext(BenchOptions options, SeedText ru, SeedText kk)
{
    private FixtureSite? _site;

    public BenchOptions Options { get; } = options;
    public SeedText Ru { get; } = ru;
    public SeedText Kk { get; } = kk;
    public List<Figure> Figures { get; } = [];

    /// <summary>Facts observed while measuring (utilisation, ceilings) that explain the figures; printed under the table.</summary>
    public List<string> Observations { get; } = [];

    /// <summary>Program runs' stderr (progress lines).</summary>
    public string Log => Path.Combine(Options.Work, "program-stderr.log");

    public string Dir(string name)
    {
        var dir = Path.Combine(Options.Work, name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The fixture site of this size, generated and its PDFs printed on first use.</summary>
    public async Task<FixtureSite> SiteAsync(CancellationToken ct) => _site ??= await SiteAsync(Options.Size, ct);

    /// <summary>A fixture site of the given size, generated and its PDFs printed.</summary>
    public async Task<FixtureSite> SiteAsync(BenchSize size, CancellationToken ct)
    {
        if (_site is not null && _site.Documents.Count == size.Documents && _site.Hosts == size.Hosts) return _site;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var site = FixtureSite.Generate(Ru, Kk, size.Documents, size.Hosts);
        await site.PrintPdfsAsync(ct);
        Console.Error.WriteLine($"fixture site: {site.Documents.Count} documents on {site.Hosts} hosts, " +
            $"{site.Documents.Sum(d => d.Template?.Length ?? 0) / 1e6:0.0} M chars of HTML, {site.Documents.Count(d => d.Pdf is not null)} PDFs ({clock.Elapsed.TotalSeconds:0.0} s)");
        return site;
    }
}
