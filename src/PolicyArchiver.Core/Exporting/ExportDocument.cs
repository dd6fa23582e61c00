using PolicyArchiver.Targets;

namespace PolicyArchiver.Exporting;

/// <summary>
/// A document as the manifest describes it. From targets.json when it is still listed; a document
/// only the archive remembers keeps its history in exports, with what is known of it.
/// </summary>
internal sealed record ExportDocument(string CompanyId, string CompanyName, string Id, string Type, string Language, string? Title)
{
    public string Key => $"{CompanyId}/{Id}";

    /// <summary>The targets' documents, then every archived document they no longer list.</summary>
    public static IReadOnlyList<ExportDocument> From(TargetList? targets, IEnumerable<string> archived)
    {
        var documents = new List<ExportDocument>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var company in targets?.Companies ?? [])
        {
            names[company.Id] = company.Name;
            documents.AddRange(company.Documents.Select(d => new ExportDocument(d.CompanyId, company.Name, d.Id, d.Type, d.Language, d.Title)));
        }
        var known = documents.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in archived.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal))
        {
            var parts = key.Split('/', 2);
            if (parts.Length != 2) continue;
            documents.Add(new ExportDocument(parts[0], names.GetValueOrDefault(parts[0], parts[0]), parts[1], "", "", null));
        }
        return documents;
    }

    /// <summary>
    /// The documents <c>--only</c> names: a company id (all its documents) or a <c>company/document</c>
    /// key, as <see cref="TargetList.Select"/> reads it. Null or empty selects everything; an empty
    /// result means the name is unknown.
    /// </summary>
    public static IReadOnlyList<ExportDocument> Select(IReadOnlyList<ExportDocument> documents, string? only)
    {
        if (string.IsNullOrWhiteSpace(only)) return documents;
        only = only.Trim();
        return only.Contains('/')
            ? documents.Where(d => d.Key == only).ToList()
            : documents.Where(d => d.CompanyId == only).ToList();
    }
}
