using PolicyArchiver.Insight.Coverage;
using PolicyArchiver.Insight.Language;

namespace PolicyArchiver.Contracts;

/// <summary>
/// The JSON shape of a company's coverage (<c>coverage --json</c>, <c>/api/coverage</c>): a
/// contract, fields are added, never renamed. Shares are fractions 0–1 to three decimals.
/// </summary>
internal sealed record CoverageJson(string Company, string Name, IReadOnlyList<CoverageJson.Cell> Cells, CoverageJson.Archive PublicArchive)
{
    /// <param name="State">archived, served-in-wrong-language, unreachable, not-captured or missing.</param>
    /// <param name="Document">The declared document, <c>company/document</c>; null when missing.</param>
    /// <param name="Version">The latest version analysed.</param>
    /// <param name="DetectedLanguage">kk, ru, en, mixed or unknown: the latest version's language.</param>
    /// <param name="LastOutcome">Only when unreachable: the latest attempt's outcome.</param>
    /// <param name="Since">Only when unreachable: since when attempts have failed.</param>
    internal sealed record Cell(string Type, string Language, string State, string? Document, int? Version, string? DetectedLanguage, Shares? Shares,
        string? LastOutcome, DateTimeOffset? Since);

    internal sealed record Shares(double Kk, double Ru, double En);

    /// <param name="Linked">Whether a latest snapshot links to previous versions of the company's documents.</param>
    internal sealed record Archive(bool Linked, IReadOnlyList<Evidence> Evidence);

    internal sealed record Evidence(string Document, string Text, string Url);

    public static CoverageJson From(CompanyCoverage c) => new(
        c.Company,
        c.Name,
        c.Cells.Select(cell => new Cell(cell.Type, cell.Language, cell.State, cell.Document, cell.Version, cell.Detected?.Language,
            cell.Detected is { } d ? SharesOf(d.Shares) : null, cell.LastOutcome, cell.Since?.ToUniversalTime())).ToList(),
        new Archive(c.PublicArchive.Linked, c.PublicArchive.Evidence.Select(e => new Evidence(e.Document, e.Text, e.Url)).ToList()));

    private static Shares SharesOf(LanguageShares s) => new(s.Kk, s.Ru, s.En);
}
