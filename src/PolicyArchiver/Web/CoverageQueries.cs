using PolicyArchiver.Insight.Coverage;

namespace PolicyArchiver.Web;

/// <summary>Coverage as the web answers it: of the documents the targets still declare, exactly as <c>coverage</c> computes it.</summary>
internal static class CoverageQueries
{
    /// <summary>The documents targets.json declares; ones the archive alone remembers are history, not coverage.</summary>
    public static CoveredCompany Covered(CompanyView company) =>
        new(company.Id, company.Name, company.Documents.Where(d => d.Tracked).Select(d => new CoveredDocument(d.Key, d.Type, d.Language)).ToList());

    /// <summary>
    /// Every company of the targets (or only <paramref name="company"/>) in id order, as <c>coverage --json</c> lists them.
    /// Companies that only the archive remembers (all their documents untracked) are left out, as the CLI never sees them.
    /// </summary>
    public static Task<IReadOnlyList<CompanyCoverage>> CompaniesAsync(ArchiveReader reader, string? company, CancellationToken ct) =>
        reader.UntilLedgerMovesAsync("coverage:" + (company ?? "*"), c => BuildAsync(reader, company, c), ct);

    private static async Task<IReadOnlyList<CompanyCoverage>> BuildAsync(ArchiveReader reader, string? company, CancellationToken ct)
    {
        var builder = new CoverageBuilder(reader.Archive);
        var coverage = new List<CompanyCoverage>();
        foreach (var c in (await reader.CompaniesAsync(ct)).Where(c => (company is null || c.Id == company) && (c.Documents.Count == 0 || c.Documents.Any(d => d.Tracked)))
                     .OrderBy(c => c.Id, StringComparer.Ordinal))
            coverage.Add(await builder.BuildAsync(Covered(c), ct));
        return coverage;
    }
}
