namespace PolicyArchiver.Insight.Coverage;

/// <summary>A company and the documents it is declared to publish; built from targets.json by the CLI and the web alike.</summary>
internal sealed record CoveredCompany(string Id, string Name, IReadOnlyList<CoveredDocument> Documents)
{
    public static CoveredCompany From(Targets.Company company) =>
        new(company.Id, company.Name, company.Documents.Select(d => new CoveredDocument(d.Key, d.Type, d.Language)).ToList());
}
