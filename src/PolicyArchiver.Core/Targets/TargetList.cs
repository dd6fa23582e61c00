namespace PolicyArchiver.Targets;

/// <summary>The validated contents of targets.json: what to archive.</summary>
internal sealed record TargetList(IReadOnlyList<Company> Companies)
{
    public IEnumerable<Document> Documents => Companies.SelectMany(c => c.Documents);

    public Document? Find(string key) => Documents.FirstOrDefault(d => d.Key == key);

    /// <summary>
    /// The documents matching <c>--only</c>: a company id (all its documents) or a
    /// <c>company/document</c> key. Null or empty selects everything.
    /// </summary>
    public IReadOnlyList<Document> Select(string? only)
    {
        if (string.IsNullOrEmpty(only)) return Documents.ToList();
        return only.Contains('/')
            ? Documents.Where(d => d.Key == only).ToList()
            : Documents.Where(d => d.CompanyId == only).ToList();
    }
}
