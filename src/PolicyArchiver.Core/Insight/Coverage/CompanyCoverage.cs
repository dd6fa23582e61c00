namespace PolicyArchiver.Insight.Coverage;

/// <summary>A company's type × language matrix, row by row, languages kk, ru, en first; and whether it keeps a public archive.</summary>
internal sealed record CompanyCoverage(string Company, string Name, IReadOnlyList<CoverageCell> Cells, PublicArchive PublicArchive);
